/**
 * Rivulet ML: Alink-style pipelines (estimators, models, feature engineering, evaluation) on arquero tables or
 * row arrays, with TensorFlow.js algorithms. Keep this file a flat list of export lines.
 *
 * @example
 * import { Pipeline, StandardScaler } from './ml/index.ts';
 */
export * from './pipeline/data.ts';
export * from './pipeline/params.ts';
export * from './pipeline/model.ts';
export * from './pipeline/estimator.ts';
export * from './pipeline/fit-options.ts';
export * from './pipeline/row-appender.ts';
export * from './pipeline/row-features.ts';
export * from './pipeline/pipeline.ts';
export * from './table/stream-table.ts';
export * from './tf/choose-backend.ts';
export * from './tf/tensors.ts';
export * from './linear/linear-model-data.ts';
export * from './linear/logistic-regression.ts';
export * from './linear/linear-regression.ts';
export * from './stream/predict-with-model-stream.ts';
export * from './evaluation/binary.ts';
export * from './evaluation/multiclass.ts';
export * from './evaluation/regression.ts';
export * from './evaluation/clustering.ts';
export * from './online/ftrl-learner.ts';
export * from './online/ftrl-train-stream.ts';
export * from './feature/column-stats.ts';
export * from './feature/standard-scaler.ts';
export * from './feature/min-max-scaler.ts';
export * from './feature/max-abs-scaler.ts';
export * from './clustering/kmeans-core.ts';
export * from './clustering/kmeans.ts';
export * from './classification/multilayer-perceptron.ts';
export * from './feature/imputer.ts';
export * from './feature/string-indexer.ts';
export * from './feature/one-hot-encoder.ts';
export * from './feature/vector-assembler.ts';
export * from './feature/bucketizer.ts';
export * from './feature/quantile-discretizer.ts';
export * from './feature/train-test-split.ts';
export * from './feature/jacobi-eigen.ts';
export * from './feature/pca.ts';
export * from './feature/feature-hasher.ts';
export * from './evaluation/eval-binary-stream.ts';
export * from './registry/fingerprint.ts';
export * from './registry/model-registry.ts';
export * from './data/mulberry32.ts';
export * from './data/synthetic.ts';
export * from './data/iris.ts';
export * from './classification/softmax.ts';
export * from './classification/linear-svm.ts';
export * from './classification/naive-bayes.ts';
export * from './clustering/streaming-kmeans.ts';
export * from './tf/segment-sum.ts';
export * from './train/train-request.ts';
export * from './train/train-datasets.ts';
export * from './train/build-estimator.ts';
export * from './train/evaluate-run.ts';
export * from './train/run-training.ts';
