import { describe, expect, it } from 'vitest';
import { defaultModelName } from '../../../src/lib/models/model-name.ts';

describe('defaultModelName', () => {
  it('names the data set, then the algorithm, in kebab case', () => {
    expect(defaultModelName('iris', 'Softmax')).toBe('iris-softmax');
    expect(defaultModelName('iris', 'LogisticRegression')).toBe('iris-logistic-regression');
    expect(defaultModelName('synthetic-binary', 'LinearSvm')).toBe('synthetic-binary-linear-svm');
    expect(defaultModelName('synthetic-regression', 'LinearRegression')).toBe(
      'synthetic-regression-linear-regression',
    );
    expect(defaultModelName('iris', 'MultilayerPerceptron')).toBe('iris-multilayer-perceptron');
    expect(defaultModelName('iris', 'KMeans')).toBe('iris-kmeans');
  });

  it('names a CSV data set by its file, or "csv" before one is chosen', () => {
    expect(defaultModelName('csv', 'NaiveBayes', 'Wine Quality.csv')).toBe('wine-quality-naive-bayes');
    expect(defaultModelName('csv', 'Softmax', 'iris.data.csv')).toBe('iris-data-softmax');
    expect(defaultModelName('csv', 'Softmax')).toBe('csv-softmax');
    expect(defaultModelName('csv', 'Softmax', '.csv')).toBe('csv-softmax');
  });
});
