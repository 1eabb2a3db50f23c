// Expected values: scikit-learn 1.2.1, printed by tests/unit/ml/reference/sklearn_reference.py (run it to
// regenerate; npm test does not need Python). The inputs are the seeded sets of reference-data.ts, which the
// script mirrors, and the shipped Iris (= sklearn's load_iris, checked by the script).
// Conventions (see the script's header): l2 → Ridge alpha = n·l2, LogisticRegression/SVC C = 1/(n·l2);
// l1 → Lasso alpha = l1, LogisticRegression(penalty='l1', solver='saga') C = 1/(n·l1);
// standardization → sklearn fitted on X / std (centred only with an intercept), otherwise on X.
// Metrics: log_loss with eps=1e-15 passed explicitly; Alink's PRC and purity have no sklearn function and are
// built from sklearn's precision_recall_curve/auc and contingency_matrix (see the script's header).
// Tolerances: closed forms and metrics 1e-9; float32 tfjs statistics ~1e-6; iterative solvers as noted.
import { describe, expect, it } from 'vitest';
import {
  IRIS_FEATURES,
  LinearRegression,
  LinearSvm,
  LogisticRegression,
  NaiveBayes,
  PCA,
  Softmax,
  adjustedRandIndex,
  calinskiHarabasz,
  daviesBouldin,
  evalBinary,
  evalMulticlass,
  evalRegression,
  lloyd,
  loadIris,
  multiclassLogLoss,
  murmur3,
  normalizedMutualInfo,
  purity,
  silhouette,
  sse,
  toFeatureMatrix,
} from '../../../../src/ml/index.ts';
import { binaryRows, columnSums, metricData, regressionRows } from './reference-data.ts';

const close = (actual: readonly number[], expected: readonly number[], tol: number): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) =>
    expect(Math.abs(v - expected[i]), `entry ${i}: ${v} vs ${expected[i]}`).toBeLessThan(tol),
  );
};
const features = ['f0', 'f1', 'f2'];
const iris = loadIris();
const irisCols = [...IRIS_FEATURES];
const picks = [0, 50, 70, 83, 100, 133];

describe('reference data', () => {
  it('matches the script’s fingerprints (column sums)', () => {
    close(
      columnSums(regressionRows(), [...features, 'y']),
      [-4.91673629521, 23.8207746018, 1.00677432125, 173.044866403],
      1e-9,
    );
    close(
      columnSums(binaryRows(), [...features, 'label']),
      [-8.62577219284, 4.94083354226, -12.5414090157, 29],
      1e-9,
    );
  });
});

describe('linear models against scikit-learn', () => {
  const reg = regressionRows();
  const bin = binaryRows();

  it('LinearRegression without an intercept has none, standardized or not (LinearRegression/Ridge fit_intercept=False)', async () => {
    // sklearn LinearRegression(fit_intercept=False)
    const ols = [1.23009850143, -0.194158518764, 8.81479031143];
    for (const standardization of [true, false]) {
      const m = await new LinearRegression({
        featureCols: features,
        labelCol: 'y',
        withIntercept: false,
        standardization,
      }).fit(reg);
      expect(m.data.intercept).toBe(0);
      close(m.data.coefficients, ols, 1e-6);
    }
    // Ridge(alpha = 60·0.1, fit_intercept=False) on X / std
    const ridge = await new LinearRegression({
      featureCols: features,
      labelCol: 'y',
      withIntercept: false,
      l2: 0.1,
    }).fit(reg);
    expect(ridge.data.intercept).toBe(0);
    close(ridge.data.coefficients, [1.09784962374, -0.175268035923, 7.77517726166], 1e-6);
  });

  it('LinearRegression l2 is Ridge(alpha = n·l2) on standardized features', async () => {
    const m = await new LinearRegression({ featureCols: features, labelCol: 'y', l2: 0.1 }).fit(reg);
    close(
      [...m.data.coefficients, m.data.intercept],
      [1.28776062857, -0.188479155871, 3.51035473183, 3.00553383852],
      1e-6,
    );
  });

  it('LogisticRegression l2 is C = 1/(n·l2), with and without an intercept', async () => {
    const params = { featureCols: features, labelCol: 'label', l2: 0.05, maxIter: 500, epsilon: 1e-12 };
    const noInt = await new LogisticRegression({ ...params, withIntercept: false }).fit(bin);
    expect(noInt.data.intercept).toBe(0);
    close(noInt.data.coefficients, [1.25866679379, -0.454350488703, 0.21814280701], 1e-3); // L-BFGS, float32 (seen 1e-4)
    const m = await new LogisticRegression(params).fit(bin);
    close(
      [...m.data.coefficients, m.data.intercept],
      [1.25744781495, -0.43651443784, 0.22523187768, -0.551221840037],
      1e-4,
    );
    close(
      bin.slice(0, 5).map((r) => m.probability(r)),
      [0.395364192242, 0.800571633865, 0.0414770696652, 0.352783696967, 0.264282120114],
      1e-5,
    );
  });

  // L1 (FISTA), [...coefficients, intercept]: sklearn with tol=1e-10, which the script cross-checks against an
  // independent float64 solve (to 1e-7). The unstandardized regression features (scales 1, 10, 0.1) make the
  // smooth part ill-conditioned (condition number ~1e4); float32 tfjs losses and gradients (seen ≤ 1.5e-6).
  const l1Reference = {
    lasso: {
      0.02: {
        std: [1.40824148837, -0.205845592727, 3.89720793458, 3.01581018392],
        raw: [1.38107794753, -0.206591812474, 2.02145675033, 3.04535481209],
      },
      0.05: {
        std: [1.3698124114, -0.201847532291, 3.52499835487, 3.0173193258],
        raw: [1.3186494692, -0.204546270258, 0.0, 3.07334614513],
      },
    },
    logisticL1: {
      0.02: {
        std: [1.63924855005, -0.474899628923, 0.254241633861, -0.585521305658],
        raw: [1.62765946095, -0.466101329102, 0.29287277701, -0.590133997435],
      },
      0.05: {
        std: [1.28420355939, -0.177330528988, 0.111593765924, -0.552376787137],
        raw: [1.24893539438, -0.148902232147, 0.184850602759, -0.55662450722],
      },
    },
  } as const;
  /** The reported losses never rise beyond float32 rounding (adaptive restart keeps FISTA monotone). */
  const monotone = (losses: number[]): void =>
    losses.slice(1).forEach((l, k) => expect(l, `iteration ${k + 2}`).toBeLessThan(losses[k] * (1 + 1e-6)));

  it('LinearRegression l1 is Lasso(alpha = l1), standardized or not, to 1e-5 (an exact zero included)', async () => {
    for (const l1 of [0.02, 0.05] as const) {
      for (const standardization of [true, false]) {
        // standardized: the defaults (maxIter 100, epsilon 1e-7) suffice; raw: epsilon 1e-9 stops it after
        // ~640 (l1 = 0.02) and ~140 (l1 = 0.05) iterations
        const stop = standardization ? { maxIter: 100 } : { maxIter: 2000, epsilon: 1e-9 };
        const losses: number[] = [];
        const m = await new LinearRegression({
          featureCols: features,
          labelCol: 'y',
          l1,
          standardization,
          ...stop,
        }).fit(reg, { onProgress: (p) => void losses.push(p.loss) });
        const expected = l1Reference.lasso[l1][standardization ? 'std' : 'raw'];
        close([...m.data.coefficients, m.data.intercept], expected, 1e-5);
        if (expected[2] === 0) expect(m.data.coefficients[2]).toBe(0);
        expect(losses.length, 'stopped by epsilon').toBeLessThan(stop.maxIter);
        monotone(losses);
      }
    }
  });

  it('LogisticRegression l1 is penalty="l1" with C = 1/(n·l1), standardized or not, to 1e-5', async () => {
    for (const l1 of [0.02, 0.05] as const) {
      for (const standardization of [true, false]) {
        const losses: number[] = [];
        // the defaults: maxIter 100, epsilon 1e-7
        const m = await new LogisticRegression({
          featureCols: features,
          labelCol: 'label',
          l1,
          standardization,
        }).fit(bin, { onProgress: (p) => void losses.push(p.loss) });
        close(
          [...m.data.coefficients, m.data.intercept],
          l1Reference.logisticL1[l1][standardization ? 'std' : 'raw'],
          1e-5,
        );
        expect(losses.length, 'stopped by epsilon').toBeLessThan(100);
        monotone(losses);
      }
    }
  });

  it('LinearSvm l2 is SVC(kernel="linear", C = 1/(n·l2)); without an intercept LinearSVC(loss="hinge")', async () => {
    const params = { featureCols: features, labelCol: 'label', l2: 0.05, maxIter: 2000, epsilon: 1e-14 };
    const noInt = await new LinearSvm({ ...params, withIntercept: false }).fit(bin);
    expect(noInt.data.intercept).toBe(0);
    close(noInt.data.coefficients, [1.4416986497, -0.472180234423, 0.170619163078], 2e-3); // hinge subgradient (seen 1e-4)
    const m = await new LinearSvm(params).fit(bin);
    close(
      [...m.data.coefficients, m.data.intercept],
      [1.15117031886, -0.401811514437, 0.18132069499, -0.494437951055],
      1e-3,
    );
  });

  it('Softmax l2 is multinomial LogisticRegression(C = 1/(n·l2)), with and without an intercept', async () => {
    const params = {
      featureCols: irisCols,
      labelCol: 'species',
      l2: 0.01,
      maxIter: 1000,
      epsilon: 1e-14,
      predictionDetailCol: 'p',
    };
    const expected = {
      noInt: [
        [0.98124859174, 0.0187506772052, 7.31055293527e-7],
        [0.0163613437058, 0.921956561969, 0.0616820943253],
        [0.0240285827988, 0.419273637713, 0.556697779489],
        [0.00241064784693, 0.327268177935, 0.670321174218],
        [0.000147823003727, 0.0183347391104, 0.981517437886],
        [0.00418011979837, 0.554440705283, 0.441379174919],
      ],
      int: [
        [0.978738763402, 0.021260663318, 5.73280178913e-7],
        [0.00791899252716, 0.809494672392, 0.182586335081],
        [0.0175006945293, 0.435211241821, 0.54728806365],
        [0.00300694367308, 0.463025616599, 0.533967439728],
        [5.40067449784e-5, 0.0118829528416, 0.988063040413],
        [0.00342166206544, 0.578161691164, 0.41841664677],
      ],
    };
    for (const [withIntercept, probs] of [
      [false, expected.noInt],
      [true, expected.int],
    ] as const) {
      const m = await new Softmax({ ...params, withIntercept }).fit(iris);
      if (!withIntercept) expect(m.data.intercepts).toEqual([0, 0, 0]);
      const out = await m.transform(picks.map((i) => iris[i]));
      out.forEach((r, i) =>
        close(
          m.data.labels.map((l) => (r.p as Record<string, number>)[String(l)]),
          probs[i],
          1e-3, // L-BFGS, float32 (seen 1e-4)
        ),
      );
    }
  });
});

describe('GaussianNB against scikit-learn', () => {
  it('var smoothing uses the largest variance of a feature over all rows', async () => {
    // x0 is constant within each class: its variances are epsilon = 1e-9 · var(x0) = 1e-9 · 25
    const rows = [
      [0, 1],
      [0, 2],
      [0, 3],
      [10, 2],
      [10, 4],
      [10, 6],
    ].map(([x0, x1], i) => ({ x0, x1, y: i < 3 ? 'a' : 'b' }));
    const m = await new NaiveBayes({ featureCols: ['x0', 'x1'], labelCol: 'y' }).fit(rows);
    const expected = [
      [2.5e-8, 0.666666691667],
      [2.5e-8, 2.66666669167],
    ];
    m.data.sigma.forEach((s, c) => s.forEach((v, j) => expect(v / expected[c][j] - 1).toBeCloseTo(0, 6)));
  });

  it('Iris: means, variances and posteriors', async () => {
    const m = await new NaiveBayes({
      featureCols: irisCols,
      labelCol: 'species',
      predictionDetailCol: 'p',
    }).fit(iris);
    const theta = [
      [5.006, 3.428, 1.462, 0.246],
      [5.936, 2.77, 4.26, 1.326],
      [6.588, 2.974, 5.552, 2.026],
    ];
    const variance = [
      [0.121764003096, 0.140816003096, 0.0295560030955, 0.0108840030955],
      [0.261104003096, 0.0965000030955, 0.216400003096, 0.0383240030955],
      [0.396256003096, 0.101924003096, 0.298496003096, 0.0739240030955],
    ];
    theta.forEach((t, c) => close(m.data.theta[c], t, 1e-5)); // float32 class sums
    variance.forEach((v, c) => close(m.data.sigma[c], v, 1e-6));
    const prob = [
      [1.0, 1.35784265451e-18, 7.1128351163e-26],
      [3.21380935427e-109, 0.80403766554, 0.19596233446],
      [2.59153802825e-130, 0.154494084944, 0.845505915056],
      [2.1406973141e-135, 0.612159844743, 0.387840155257],
      [3.23245180724e-254, 6.3538103116e-11, 0.999999999936],
      [2.68382582629e-131, 0.712645144216, 0.287354855784],
    ];
    const out = await m.transform(picks.map((i) => iris[i]));
    out.forEach((r, i) =>
      close(
        m.data.labels.map((l) => (r.p as Record<string, number>)[String(l)]),
        prob[i],
        1e-5,
      ),
    );
  });
});

describe('PCA and KMeans on Iris against scikit-learn', () => {
  it('PCA: explained variance, components (largest entry positive) and a projection', async () => {
    const m = await new PCA({ selectedCols: irisCols, k: 4 }).fit(iris);
    close(m.stats.explainedVariance, [4.22824170603, 0.242670747929, 0.0782095000429, 0.0238350929734], 1e-9);
    const components = [
      [0.361386591785, -0.0845225140646, 0.85667060595, 0.358289197152],
      [0.656588771287, 0.730161434785, -0.173372662796, -0.0754810199175],
      [-0.582029851306, 0.5979108301, 0.076236075821, 0.54583143202],
      [0.315487192904, -0.319723103666, -0.479838986995, 0.753657425264],
    ];
    components.forEach((c, i) => close(m.stats.components[i], c, 1e-9));
    close(
      m.predictRow(iris[0]).pca as number[],
      [-2.68412562597, 0.319397246585, -0.0279148275894, 0.00226243707132],
      1e-9,
    );
  });

  it('KMeans (Lloyd) from rows 0, 50, 100: centers, inertia and iterations', async () => {
    const x = toFeatureMatrix(iris, irisCols, 'test');
    const init = Float64Array.from(
      [0, 50, 100].flatMap((i) => Array.from(x.values.subarray(i * 4, i * 4 + 4))),
    );
    const r = await lloyd(x, init, 3, { maxIter: 300, epsilon: 0 });
    const centers = [
      [5.006, 3.428, 1.462, 0.246],
      [5.90161290323, 2.74838709677, 4.3935483871, 1.43387096774],
      [6.85, 3.07368421053, 5.74210526316, 2.07105263158],
    ];
    close(Array.from(r.centers), centers.flat(), 1e-5); // float32 segment sums
    expect(r.iterations).toBe(4);
    expect(sse(x.values, 4, r.assignments, centers.flat())).toBeCloseTo(78.8514414261, 8);
    // clustering metrics of this partition
    expect(silhouette(x.values, 4, r.assignments)).toBeCloseTo(0.552819012356, 10);
    expect(
      adjustedRandIndex(
        iris.map((row) => row.label),
        Array.from(r.assignments),
      ),
    ).toBeCloseTo(0.730238272283, 10);
    expect(
      silhouette(
        x.values,
        4,
        iris.map((row) => row.label as number),
      ),
    ).toBeCloseTo(0.503477440693, 10);
    // calinski_harabasz_score, davies_bouldin_score: [species, this partition]
    const species = iris.map((row) => row.label as number);
    close(
      [calinskiHarabasz(x.values, 4, species), calinskiHarabasz(x.values, 4, r.assignments)],
      [487.330876375, 561.62775663],
      1e-8, // 12 significant digits of ~500
    );
    close(
      [daviesBouldin(x.values, 4, species), daviesBouldin(x.values, 4, r.assignments)],
      [0.751370709476, 0.661971546501],
      1e-9,
    );
    // normalized_mutual_info_score (arithmetic); purity from sklearn's contingency_matrix
    const clusters = Array.from(r.assignments);
    expect(normalizedMutualInfo(species, clusters)).toBeCloseTo(0.758175680006, 10);
    expect(normalizedMutualInfo(clusters, species)).toBeCloseTo(0.758175680006, 10);
    expect(purity(species, clusters)).toBeCloseTo(0.893333333333, 10);
  });
});

describe('evaluation metrics against scikit-learn', () => {
  const d = metricData();
  it('binary: roc_auc_score, KS from roc_curve, log_loss, precision/recall/F1 at 0.5', () => {
    const m = evalBinary(d.yb, d.scores);
    close(
      [m.auc, m.ks, m.logLoss, m.accuracy, m.precision, m.recall, m.f1],
      [0.774220032841, 0.48275862069, 0.518034005382, 0.68, 0.608695652174, 0.666666666667, 0.636363636364],
      1e-9,
    );
  });
  it('binary: cohen_kappa_score at 0.5, average_precision_score, Alink’s PRC (trapezoids, tied scores)', () => {
    const m = evalBinary(d.yb, d.scores);
    // PRC: metrics.auc over precision_recall_curve with its (0, 1) end replaced by (0, precision at the top)
    close([m.kappa, m.averagePrecision, m.prc], [0.35170178282, 0.733540003617, 0.744217586903], 1e-9);
  });
  it('multiclass: confusion_matrix, macro precision/recall/F1, micro F1, per-class F1', () => {
    const m = evalMulticlass(d.actual, d.predicted);
    expect(m.confusionMatrix).toEqual([
      [9, 0, 0, 0],
      [1, 7, 2, 1],
      [1, 2, 19, 0],
      [1, 3, 0, 4],
    ]);
    close(
      [m.accuracy, m.macroPrecision, m.macroRecall, m.macroF1, m.microF1],
      [0.78, 0.759523809524, 0.75, 0.741236013733, 0.78],
      1e-9,
    );
    close(
      m.perClass.map((p) => p.f1),
      [0.857142857143, 0.608695652174, 0.883720930233, 0.615384615385],
      1e-9,
    );
  });
  it('multiclass: micro and weighted precision/recall/F1, cohen_kappa_score, log_loss(eps=1e-15)', () => {
    const m = evalMulticlass(d.actual, d.predicted, { probabilities: d.probs });
    close([m.microPrecision, m.microRecall], [0.78, 0.78], 1e-9);
    close(
      [m.weightedPrecision, m.weightedRecall, m.weightedF1],
      [0.789428571429, 0.78, 0.775497505528],
      1e-9,
    );
    close([m.kappa, m.logLoss!], [0.687144482366, 0.739523273556], 1e-9);
    expect(evalMulticlass(d.actual, d.predicted).logLoss).toBeUndefined();
    // a true label of probability 0, clipped to 1e-15; sklearn's columns a, b, c given here as c, b, a
    const clipped = multiclassLogLoss(
      ['b', 'a', 'c'],
      [
        [0, 0, 1],
        [0, 0.5, 0.5],
        [0.5, 0.3, 0.2],
      ],
      ['c', 'b', 'a'],
    );
    expect(clipped).toBeCloseTo(11.9750235853, 9);
  });
  it('regression: MSE, RMSE, MAE, R², explained variance', () => {
    const m = evalRegression(d.y, d.pred);
    close(
      [m.mse, m.rmse, m.mae, m.r2, m.explainedVariance],
      [0.356756, 0.597290549063, 0.5036, 0.94553797467, 0.946677568231],
      1e-9,
    );
  });
});

describe('murmur3 against sklearn.utils.murmurhash3_32', () => {
  it('matches for seeds 0 and 42 on ASCII and multi-byte UTF-8', () => {
    const expected: [string, number, number][] = [
      ['', 0, 142593372],
      ['a', 1009084850, 3001393763],
      ['ab', 2613040991, 3610054215],
      ['abc', 3017643002, 1313807976],
      ['age', 717653329, 2906276087],
      ['city=Paris', 4261798799, 1163150941],
      ['héllo wörld', 2549609076, 857211688],
      ['日本語=東京', 563737855, 1318556839],
    ];
    for (const [w, h0, h42] of expected) expect([murmur3(w, 0), murmur3(w, 42)]).toEqual([h0, h42]);
  });
});
