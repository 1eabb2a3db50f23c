/**
 * The estimator of a training run, built from the algorithm name and the run's parameters.
 */
import type { Estimator } from '../pipeline/estimator.ts';
import type { Model } from '../pipeline/model.ts';
import { LogisticRegression } from '../linear/logistic-regression.ts';
import { LinearRegression } from '../linear/linear-regression.ts';
import { Softmax } from '../classification/softmax.ts';
import { LinearSvm } from '../classification/linear-svm.ts';
import { MultilayerPerceptronClassifier } from '../classification/multilayer-perceptron.ts';
import { NaiveBayes } from '../classification/naive-bayes.ts';
import { KMeans } from '../clustering/kmeans.ts';
import type { TrainAlgorithm, TrainParams } from './train-request.ts';

/** The output columns every run's model writes. */
export const PREDICTION_COL = 'prediction';
export const DETAIL_COL = 'predictionDetail';

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * A new estimator of `algorithm` on the given columns; only the parameters the algorithm has are passed.
 *
 * @example buildEstimator('Softmax', ['a', 'b'], 'label', { maxIter: 50 }, 1)
 */
export function buildEstimator(
  algorithm: TrainAlgorithm,
  featureCols: string[],
  labelCol: string | undefined,
  p: TrainParams,
  seed: number,
  classes: number,
): Estimator<object, Model> {
  const needLabel = (): string => {
    if (!labelCol)
      throw new Error(`${algorithm}: the data set has no label column; give labelCol with the rows`);
    return labelCol;
  };
  const cols = { featureCols, predictionCol: PREDICTION_COL };
  const linear = defined({
    maxIter: p.maxIter,
    learningRate: p.learningRate,
    l1: p.l1,
    l2: p.l2,
    optimMethod: p.optimMethod,
    standardization: p.standardization,
  });
  switch (algorithm) {
    case 'LogisticRegression':
      return new LogisticRegression({
        ...cols,
        labelCol: needLabel(),
        predictionDetailCol: DETAIL_COL,
        ...linear,
      });
    case 'Softmax':
      return new Softmax({ ...cols, labelCol: needLabel(), predictionDetailCol: DETAIL_COL, ...linear });
    case 'LinearSvm':
      return new LinearSvm({ ...cols, labelCol: needLabel(), ...linear });
    case 'LinearRegression':
      return new LinearRegression({ ...cols, labelCol: needLabel(), ...linear });
    case 'MultilayerPerceptron':
      return new MultilayerPerceptronClassifier({
        ...cols,
        labelCol: needLabel(),
        predictionDetailCol: DETAIL_COL,
        layers: p.layers ?? [16],
        seed,
        ...defined({ maxIter: p.maxIter, learningRate: p.learningRate, blockSize: p.blockSize }),
      });
    case 'NaiveBayes':
      return new NaiveBayes({ ...cols, labelCol: needLabel(), predictionDetailCol: DETAIL_COL });
    case 'KMeans':
      return new KMeans({
        ...cols,
        k: p.k ?? (classes > 1 ? classes : 3),
        randomSeed: seed,
        ...defined({ maxIter: p.maxIter }),
      });
    default:
      throw new Error(
        `Training: unknown algorithm '${String(algorithm)}'; use one of LogisticRegression, Softmax, LinearSvm, MultilayerPerceptron, NaiveBayes, KMeans, LinearRegression`,
      );
  }
}

const KINDS: Record<string, TrainAlgorithm> = {
  LogisticRegressionModel: 'LogisticRegression',
  SoftmaxModel: 'Softmax',
  LinearSvmModel: 'LinearSvm',
  MultilayerPerceptronModel: 'MultilayerPerceptron',
  NaiveBayesModel: 'NaiveBayes',
  KMeansModel: 'KMeans',
  LinearRegressionModel: 'LinearRegression',
};

/**
 * The training algorithm that makes models of a kind (to evaluate a loaded model the way it was trained).
 *
 * @example algorithmOfKind('SoftmaxModel') // 'Softmax'
 */
export function algorithmOfKind(kind: string): TrainAlgorithm {
  const a = KINDS[kind];
  if (!a)
    throw new Error(
      `algorithmOfKind: models of kind '${kind}' are not made by a training run; known kinds: ${Object.keys(KINDS).join(', ')}`,
    );
  return a;
}
