#!/usr/bin/env python3
"""scikit-learn reference values for tests/unit/ml/reference/sklearn-reference.test.ts.

How to run (from the repository root; nothing here runs during `npm test`, the test holds the printed numbers):

    apt-get install -y python3-sklearn python3-pandas     # Debian packages
    /usr/bin/python3 tests/unit/ml/reference/sklearn_reference.py

Produced with scikit-learn 1.2.1 (Debian package python3-sklearn 1.2.1+dfsg-1), numpy 1.24.2, scipy 1.10.1,
Python 3.11. It prints one JSON object; the test file copies its values (12 significant digits).

Inputs are the test's own: reference-data.ts is mirrored below (mulberry32 and the generators use only uint32
arithmetic, sums, products and floor, so Python and V8 build identical doubles), and Iris is sklearn's load_iris,
checked here against the copy shipped in src/ml/data/iris.ts. Each data set's column sums are printed as a
fingerprint the test asserts.

Conventions mapped to scikit-learn (Rivulet's linear objective: mean loss + l1*|w|_1 + l2/2*|w|^2 over n rows,
intercept unpenalised, on features divided by their population std when standardization is on, and centred
only when the model has an intercept):
  LinearRegression l2  -> Ridge(alpha = n * l2)
  LinearRegression l1  -> Lasso(alpha = l1)
  LogisticRegression / Softmax l2 -> LogisticRegression(C = 1 / (n * l2)) (multinomial for Softmax)
  LogisticRegression l1 -> LogisticRegression(penalty='l1', solver='saga', C = 1 / (n * l1))
  LinearSvm l2 -> SVC(kernel='linear', C = 1 / (n * l2)); without an intercept LinearSVC(loss='hinge', same C)
  standardization -> fit on X / std (plus centring with an intercept), coefficients divided back by std;
  without it the model is fitted on X as is.
The L1 fits (tol=1e-10; saga with random_state=0) are cross-checked against an independent float64 solve
(L-BFGS-B on w = w+ - w-, w+, w- >= 0) and the script exits if they differ by more than 1e-7.

Metrics (src/ml/evaluation): binary at the 0.5 threshold; log_loss of class probabilities with eps=1e-15
passed explicitly (Rivulet's and Alink's clip; sklearn 1.2's default eps='auto' is 2.2e-16); cohen_kappa_score,
average_precision_score, precision/recall/F1 micro and weighted, calinski_harabasz_score, davies_bouldin_score,
normalized_mutual_info_score (arithmetic) as they are. Two figures have no sklearn function and are built from
sklearn's pieces: Alink's PRC = metrics.auc (trapezoids) over precision_recall_curve with its final
(recall 0, precision 1) point replaced by (0, precision at the highest score), Alink's start; purity = sum of
the per-cluster maxima of metrics.cluster.contingency_matrix(species, clusters) / n.
"""
import json
import re
import sys
from pathlib import Path

import numpy as np
import scipy
import sklearn
from scipy import optimize
from sklearn import cluster, decomposition, linear_model, metrics, naive_bayes, svm
from sklearn.datasets import load_iris
from sklearn.utils import murmurhash3_32

ROOT = Path(__file__).resolve().parents[4]
M32 = 0xFFFFFFFF


def mulberry32(seed):
    """Port of src/ml/data/mulberry32.ts (uint32 arithmetic, / 2^32)."""
    state = seed & M32

    def imul(a, b):
        return (a * b) & M32

    def rnd():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return rnd


def irwin_hall(rnd):
    s = 0.0
    for _ in range(12):
        s += rnd()
    return s - 6


def regression_rows():
    r = mulberry32(21)
    rows = []
    for _ in range(60):
        f0 = irwin_hall(r)
        f1 = 10 * irwin_hall(r)
        f2 = 0.1 * irwin_hall(r)
        rows.append([f0, f1, f2, 3 + 1.5 * f0 - 0.2 * f1 + 4 * f2 + 0.5 * irwin_hall(r)])
    return np.array(rows)


def binary_rows():
    r = mulberry32(31)
    rows = []
    for _ in range(80):
        f0 = irwin_hall(r)
        f1 = irwin_hall(r)
        f2 = 2 * irwin_hall(r)
        rows.append([f0, f1, f2, 1 if 2 * f0 - f1 + 0.5 * f2 + 1.5 * irwin_hall(r) > 0.3 else 0])
    return np.array(rows)


def metric_data():
    r = mulberry32(51)
    yb = [1 if r() < 0.4 else 0 for _ in range(50)]
    scores = [np.floor((r() * 0.7 + 0.3 * y) * 20) / 20 for y in yb]
    actual = [int(np.floor(r() * 4)) for _ in range(50)]
    predicted = [a if r() < 0.6 else int(np.floor(r() * 4)) for a in actual]
    y = [np.floor(r() * 1000) / 100 for _ in range(50)]
    pred = [v + np.floor((r() - 0.4) * 200) / 100 for v in y]
    probs = []
    for a in actual:
        w = [int(np.floor(r() * 20)) for _ in range(4)]
        w[a] += 1 + int(np.floor(r() * 30))
        s = w[0] + w[1] + w[2] + w[3]
        probs.append([v / s for v in w])
    return (np.array(yb), np.array(scores), np.array(actual), np.array(predicted), np.array(y), np.array(pred),
            np.array(probs))


def shipped_iris():
    text = (ROOT / 'src/ml/data/iris.ts').read_text()
    rows = re.findall(r'^\s*\[([\d.]+), ([\d.]+), ([\d.]+), ([\d.]+)\],$', text, re.M)
    return np.array(rows, dtype=float)


def g(v):
    """12 significant digits, nested lists kept."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return [g(x) for x in v]
    return float('%.12g' % v)


def scaled_fit(model, x, y, center):
    """Fit on x / std (population), centred when `center`; coefficients and intercept on the original scale."""
    mean = x.mean(0) if center else np.zeros(x.shape[1])
    std = x.std(0)
    model.fit((x - mean) / std, y)
    coef = np.atleast_2d(model.coef_) / std
    intercept = np.atleast_1d(model.intercept_) - coef @ mean if center else np.zeros(coef.shape[0])
    return coef, intercept


def plain_fit(model, x, y):
    """Fit on x as is (standardization off); coefficients and intercept as 1-D arrays."""
    model.fit(x, y)
    return np.atleast_2d(model.coef_), np.atleast_1d(model.intercept_)


def l1_fit_check(x, y, l1, standardize, loss):
    """Independent float64 solve of mean loss + l1*|w|_1 (intercept unpenalised) with L-BFGS-B on w = w+ - w-."""
    mean = x.mean(0) if standardize else np.zeros(x.shape[1])
    std = x.std(0) if standardize else np.ones(x.shape[1])
    z = np.hstack([(x - mean) / std, np.ones((len(y), 1))])
    d = x.shape[1]

    def f(v):
        w = np.concatenate([v[:d] - v[d:2 * d], v[2 * d:]])
        s = z @ w
        if loss == 'logistic':
            value, dz = np.mean(np.logaddexp(0, s) - y * s), 1 / (1 + np.exp(-s)) - y
        else:
            value, dz = 0.5 * np.mean((s - y) ** 2), s - y
        g = z.T @ dz / len(y)
        return value + l1 * np.sum(v[:2 * d]), np.concatenate([g[:d] + l1, l1 - g[:d], g[d:]])

    r = optimize.minimize(f, np.zeros(2 * d + 1), jac=True, method='L-BFGS-B', bounds=[(0, None)] * (2 * d) + [(None, None)],
                          options={'ftol': 1e-16, 'gtol': 1e-14, 'maxiter': 100000, 'maxcor': 30})
    coef = (r.x[:d] - r.x[d:2 * d]) / std
    return np.concatenate([coef, [r.x[2 * d] - coef @ mean]])


def l1_reference(x, y, l1, standardize, loss):
    """sklearn's Lasso / L1 LogisticRegression (tol=1e-10), checked against l1_fit_check: [*coef, intercept]."""
    if loss == 'logistic':
        model = linear_model.LogisticRegression(penalty='l1', solver='saga', C=1 / (len(y) * l1), tol=1e-10, max_iter=1000000,
                                                random_state=0)
    else:
        model = linear_model.Lasso(alpha=l1, tol=1e-10, max_iter=1000000)
    coef, intercept = scaled_fit(model, x, y, True) if standardize else plain_fit(model, x, y)
    out = np.concatenate([coef[0], intercept])
    diff = np.max(np.abs(out - l1_fit_check(x, y, l1, standardize, loss)))
    if diff > 1e-7:
        sys.exit(f'{loss} l1={l1} standardize={standardize}: sklearn and the L-BFGS-B check differ by {diff}')
    return g(out)


def largest_entry_positive(components):
    """Rivulet's PCA sign convention: each component's entry of largest magnitude is positive."""
    return np.array([c if c[np.argmax(np.abs(c))] > 0 else -c for c in components])


def main():
    out = {'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__, 'scipy': scipy.__version__}}
    reg = regression_rows()
    xr, yr = reg[:, :3], reg[:, 3]
    nr = len(yr)
    binr = binary_rows()
    xb, yb = binr[:, :3], binr[:, 3].astype(int)
    nb_rows = len(yb)
    iris = load_iris()
    xi, yi = iris.data, iris.target
    if not np.array_equal(shipped_iris(), xi):
        sys.exit('src/ml/data/iris.ts differs from sklearn load_iris')
    out['fingerprint'] = {'regression': g(reg.sum(0)), 'binary': g(binr.sum(0))}

    # LinearRegression (closed form), l2 = 0.1
    ols = linear_model.LinearRegression(fit_intercept=False).fit(xr, yr)
    ridge_noint = scaled_fit(linear_model.Ridge(alpha=nr * 0.1, fit_intercept=False), xr, yr, center=False)
    ridge = scaled_fit(linear_model.Ridge(alpha=nr * 0.1), xr, yr, center=True)
    out['linearRegression'] = {
        'olsNoIntercept': g(ols.coef_),
        'ridgeNoInterceptStd': g(ridge_noint[0][0]),
        'ridgeStd': {'coef': g(ridge[0][0]), 'intercept': g(ridge[1][0])},
    }

    # LogisticRegression, l2 = 0.05
    c = 1 / (nb_rows * 0.05)
    lr_noint = scaled_fit(linear_model.LogisticRegression(C=c, fit_intercept=False, tol=1e-12, max_iter=10000), xb, yb, False)
    lr = scaled_fit(linear_model.LogisticRegression(C=c, tol=1e-12, max_iter=10000), xb, yb, True)
    z = xb[:5] @ lr[0][0] + lr[1][0]
    out['logisticRegression'] = {
        'noInterceptStd': g(lr_noint[0][0]),
        'std': {'coef': g(lr[0][0]), 'intercept': g(lr[1][0]), 'probFirst5': g(1 / (1 + np.exp(-z)))},
    }

    # L1 (FISTA in Rivulet), l1 = 0.02 and 0.05, standardized and not: [*coef, intercept]
    out['l1'] = {
        name: {
            f'{l1}': {key: l1_reference(x, y, l1, standardize, loss) for key, standardize in [('std', True), ('raw', False)]}
            for l1 in [0.02, 0.05]
        }
        for name, x, y, loss in [('lasso', xr, yr, 'squared'), ('logisticL1', xb, yb, 'logistic')]
    }

    # LinearSvm, l2 = 0.05
    sv_noint = scaled_fit(svm.LinearSVC(loss='hinge', C=c, fit_intercept=False, tol=1e-9, max_iter=1000000), xb, yb, False)
    sv = scaled_fit(svm.SVC(kernel='linear', C=c, tol=1e-10), xb, yb, True)
    out['linearSvm'] = {
        'noInterceptStd': g(sv_noint[0][0]),
        'std': {'coef': g(sv[0][0]), 'intercept': g(sv[1][0])},
    }

    # Softmax on Iris, l2 = 0.01; probabilities of rows 0, 50, 70, 83, 100, 133
    picks = [0, 50, 70, 83, 100, 133]
    cs = 1 / (len(yi) * 0.01)
    sm = {}
    for name, center in [('noInterceptStd', False), ('std', True)]:
        model = linear_model.LogisticRegression(C=cs, fit_intercept=center, tol=1e-12, max_iter=100000)
        coef, intercept = scaled_fit(model, xi, yi, center)
        zz = xi[picks] @ coef.T + intercept
        p = np.exp(zz - zz.max(1, keepdims=True))
        sm[name] = {'prob': g(p / p.sum(1, keepdims=True))}
    out['softmax'] = {'rows': picks, **sm}

    # GaussianNB: a feature constant within each class (epsilon from the overall variance), and Iris
    xc = np.array([[0, 1], [0, 2], [0, 3], [10, 2], [10, 4], [10, 6]], dtype=float)
    gc = naive_bayes.GaussianNB().fit(xc, [0, 0, 0, 1, 1, 1])
    gi = naive_bayes.GaussianNB().fit(xi, yi)
    out['gaussianNB'] = {
        'constantWithinClass': {'epsilon': g(gc.epsilon_), 'var': g(gc.var_)},
        'iris': {'theta': g(gi.theta_), 'var': g(gi.var_), 'prob': g(gi.predict_proba(xi[picks]))},
    }

    # PCA on Iris
    pca = decomposition.PCA(4).fit(xi)
    comps = largest_entry_positive(pca.components_)
    out['pca'] = {
        'explainedVariance': g(pca.explained_variance_),
        'components': g(comps),
        'row0': g(comps @ (xi[0] - pca.mean_)),
    }

    # KMeans on Iris from rows 0, 50, 100 as the initial centers
    km = cluster.KMeans(3, init=xi[[0, 50, 100]], n_init=1, max_iter=300, tol=0, algorithm='lloyd').fit(xi)
    out['kmeans'] = {'centers': g(km.cluster_centers_), 'inertia': g(km.inertia_), 'iterations': int(km.n_iter_)}

    # metrics
    ybm, scores, actual, predicted, ym, pm, probs = metric_data()
    hard = (scores >= 0.5).astype(int)
    fpr, tpr, _ = metrics.roc_curve(ybm, scores)
    # Alink's PRC: trapezoids over sklearn's PR points, its final (recall 0, precision 1) replaced by Alink's
    # first point (recall 0, precision at the highest score)
    pr_p, pr_r, _ = metrics.precision_recall_curve(ybm, scores)
    pr_p[-1] = pr_p[-2]
    out['binary'] = {
        'auc': g(metrics.roc_auc_score(ybm, scores)),
        'ks': g(np.max(tpr - fpr)),
        'logLoss': g(metrics.log_loss(ybm, scores)),
        'accuracy': g(metrics.accuracy_score(ybm, hard)),
        'precision': g(metrics.precision_score(ybm, hard)),
        'recall': g(metrics.recall_score(ybm, hard)),
        'f1': g(metrics.f1_score(ybm, hard)),
        'kappa': g(metrics.cohen_kappa_score(ybm, hard)),
        'averagePrecision': g(metrics.average_precision_score(ybm, scores)),
        'prc': g(metrics.auc(pr_r, pr_p)),
    }
    out['multiclass'] = {
        'confusion': metrics.confusion_matrix(actual, predicted).tolist(),
        'accuracy': g(metrics.accuracy_score(actual, predicted)),
        'macro': g(metrics.precision_recall_fscore_support(actual, predicted, average='macro')[:3]),
        'microF1': g(metrics.f1_score(actual, predicted, average='micro')),
        'f1': g(metrics.f1_score(actual, predicted, average=None)),
        'micro': g([metrics.precision_score(actual, predicted, average='micro'),
                    metrics.recall_score(actual, predicted, average='micro')]),
        'weighted': g(metrics.precision_recall_fscore_support(actual, predicted, average='weighted')[:3]),
        'kappa': g(metrics.cohen_kappa_score(actual, predicted)),
        # eps=1e-15 explicitly: sklearn 1.2's default eps='auto' is float64 machine epsilon (2.2e-16)
        'logLoss': g(metrics.log_loss(actual, probs, labels=[0, 1, 2, 3], eps=1e-15)),
        # a true label with probability 0 (clipped to 1e-15); sklearn's columns are the sorted labels a, b, c
        # (LabelBinarizer), the test passes them permuted with labels ['c', 'b', 'a']
        'logLossClipped': g(metrics.log_loss(['b', 'a', 'c'], [[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]],
                                             labels=['a', 'b', 'c'], eps=1e-15)),
    }
    mse = metrics.mean_squared_error(ym, pm)
    out['regression'] = {
        'mse': g(mse),
        'rmse': g(np.sqrt(mse)),
        'mae': g(metrics.mean_absolute_error(ym, pm)),
        'r2': g(metrics.r2_score(ym, pm)),
        'explainedVariance': g(metrics.explained_variance_score(ym, pm)),
    }
    out['clustering'] = {
        'silhouetteSpecies': g(metrics.silhouette_score(xi, yi)),
        'silhouetteKMeans': g(metrics.silhouette_score(xi, km.labels_)),
        'ariKMeans': g(metrics.adjusted_rand_score(yi, km.labels_)),
        'calinskiHarabasz': g([metrics.calinski_harabasz_score(xi, yi), metrics.calinski_harabasz_score(xi, km.labels_)]),
        'daviesBouldin': g([metrics.davies_bouldin_score(xi, yi), metrics.davies_bouldin_score(xi, km.labels_)]),
        'nmiKMeans': g(metrics.normalized_mutual_info_score(yi, km.labels_)),
        # purity: no sklearn function; per-cluster maximum of sklearn's contingency matrix (rows = species)
        'purityKMeans': g(np.sum(np.amax(metrics.cluster.contingency_matrix(yi, km.labels_), axis=0)) / len(yi)),
    }

    # murmur3 (x86_32 of the UTF-8 bytes) against sklearn's murmurhash3_32, seeds 0 and 42 (Spark's)
    words = ['', 'a', 'ab', 'abc', 'age', 'city=Paris', 'héllo wörld', '日本語=東京']
    out['murmur3'] = [[w, murmurhash3_32(w, 0, positive=True), murmurhash3_32(w, 42, positive=True)] for w in words]

    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == '__main__':
    main()
