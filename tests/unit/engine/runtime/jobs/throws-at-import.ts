// Job module that fails while being imported (the tests expect this exact message).
throw new SyntaxError('job module broken at import');
