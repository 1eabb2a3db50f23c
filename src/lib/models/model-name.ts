/** A name piece in lower kebab case: 'LogisticRegression' → 'logistic-regression', 'My data' → 'my-data'. */
const kebab = (s: string): string =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * The registry's default name for a model: its data set, then its algorithm. A CSV data set is
 * named by its file (without the extension), or "csv" before one is chosen.
 *
 * @example
 * defaultModelName('iris', 'Softmax'); // 'iris-softmax'
 * defaultModelName('synthetic-binary', 'LinearSvm'); // 'synthetic-binary-linear-svm'
 * defaultModelName('csv', 'NaiveBayes', 'Wine Quality.csv'); // 'wine-quality-naive-bayes'
 */
export function defaultModelName(dataset: string, algorithm: string, csvFileName?: string): string {
  const data =
    dataset === 'csv' ? kebab((csvFileName ?? '').replace(/\.[^.]*$/, '')) || 'csv' : kebab(dataset);
  return `${data}-${kebab(algorithm)}`;
}
