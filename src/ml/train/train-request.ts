/**
 * What a training run is asked to do and what it reports: plain JSON-safe data, so a request and its result
 * can cross a worker boundary (the trainer worker's protocol uses these types).
 */
import type { Row } from '../pipeline/data.ts';
import type { ModelJson } from '../pipeline/model.ts';

/** The algorithms a training run can fit (Alink's names; MLP = MultilayerPerceptronClassifier). */
export type TrainAlgorithm =
  | 'LogisticRegression'
  | 'Softmax'
  | 'LinearSvm'
  | 'MultilayerPerceptron'
  | 'KMeans'
  | 'NaiveBayes'
  | 'LinearRegression';

/** All algorithms, in menu order. @example TRAIN_ALGORITHMS.includes('KMeans') // true */
export const TRAIN_ALGORITHMS: readonly TrainAlgorithm[] = [
  'Softmax',
  'LogisticRegression',
  'LinearSvm',
  'MultilayerPerceptron',
  'NaiveBayes',
  'KMeans',
  'LinearRegression',
];

/**
 * The data to train on: a shipped set (Iris), a seeded synthetic one, or rows given by the caller.
 *
 * @example { kind: 'synthetic-binary', samples: 5000, seed: 7 }
 */
export type TrainDataset =
  | { kind: 'iris' }
  | { kind: 'synthetic-binary'; samples: number; seed: number }
  | { kind: 'synthetic-regression'; samples: number; seed: number }
  | { kind: 'rows'; rows: Row[]; featureCols: string[]; labelCol?: string }
  /** CSV text with a header row; features default to the numeric columns other than the label. */
  | { kind: 'csv'; text: string; name?: string; labelCol?: string; featureCols?: string[] };

/** Training parameters the run passes to the estimator (each only where the algorithm has it). */
export interface TrainParams {
  maxIter?: number;
  learningRate?: number;
  l1?: number;
  l2?: number;
  optimMethod?: 'LBFGS' | 'GD';
  standardization?: boolean;
  /** MLP hidden layer sizes. Default [16]. */
  layers?: number[];
  /** MLP mini-batch size. */
  blockSize?: number;
  /** KMeans: number of clusters (default: the number of label classes, else 3). */
  k?: number;
}

/**
 * One training run: data set, algorithm, parameters, and the share of rows held out for evaluation.
 *
 * @example { dataset: { kind: 'iris' }, algorithm: 'Softmax', testFraction: 0.3, seed: 1 }
 */
export interface TrainRequest {
  dataset: TrainDataset;
  algorithm: TrainAlgorithm;
  params?: TrainParams;
  /** Rows held out for evaluation, in [0, 0.9]; 0 evaluates on the training rows. Default 0.3. */
  testFraction?: number;
  /** Seed of the train/test split and of seeded initialisations. Default 1. */
  seed?: number;
}

/** Evaluation of a model on the held-out rows. */
export interface TrainEvaluation {
  /** 'binary', 'multiclass', 'regression' or 'clustering'. */
  task: 'binary' | 'multiclass' | 'regression' | 'clustering';
  /** Named figures: auc, accuracy, macroF1, logLoss, rmse, mae, r2, sse, silhouette, ari (as they apply). */
  metrics: Record<string, number>;
  /** Confusion matrix of classifiers: rows = actual, columns = predicted, in `labels` order. */
  confusion?: { labels: string[]; matrix: number[][] };
  /** The prediction of every evaluated row (labels as strings, values as numbers), in row order. */
  predictions: (string | number)[];
  /** Rows evaluated. */
  rows: number;
}

/** The outcome of a training run (the fitted model as JSON, ready for the registry). */
export interface TrainOutcome {
  algorithm: TrainAlgorithm;
  /** Human-readable data set name, e.g. 'Iris (150 rows)'. */
  datasetName: string;
  featureCols: string[];
  labelCol?: string;
  trainRows: number;
  /** Fingerprint of the training rows (see `dataFingerprint`). */
  fingerprint: string;
  /** The loss after each iteration (NaN-free; one entry for one-pass algorithms with a loss). */
  losses: number[];
  iterations: number;
  samplesPerSec: number;
  timeMs: number;
  evaluation: TrainEvaluation;
  model: ModelJson;
}
