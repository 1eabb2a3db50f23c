/**
 * Classes whose instances may cross workers (Flink's env.registerType for POJOs): a registered
 * instance travels as its class name and own fields, and arrives as an instance of the class of that
 * name registered in the receiving thread (every worker builds the job's graph, so the job module's
 * registerType calls run in each). Unregistered class instances are refused by the codec: the
 * receiving side could not know their class.
 */
const byName = new Map<string, object>();
const byPrototype = new Map<object, string>();

/**
 * Registers `type` for records that cross workers. A later class of the same name (the same job
 * module imported again) replaces the earlier one for decoding.
 *
 * @example class Click { constructor(public user = '', public ts = 0) {} } registerRecordType(Click);
 */
export function registerRecordType(type: abstract new (...args: never[]) => object): void {
  if (typeof type !== 'function' || typeof type.prototype !== 'object' || type.prototype === null) {
    throw new TypeError('registerType(type): expected a class, e.g. env.registerType(Click)');
  }
  const name = type.name;
  if (!name) {
    throw new TypeError(
      'registerType(type): the class has no name; records are matched across workers by class name, so declare it as `class Click { … }`',
    );
  }
  byName.set(name, type.prototype);
  byPrototype.set(type.prototype, name);
}

/** The registered class name of `value`'s prototype, if any. */
export function recordTypeOf(value: object): string | undefined {
  return byPrototype.get(Object.getPrototypeOf(value));
}

/** The prototype to decode an instance of `name` with; throws when this thread has no such class. */
export function recordTypePrototype(name: string): object {
  const proto = byName.get(name);
  if (proto === undefined) {
    throw new Error(
      `A record of class ${name} arrived, but this thread registered no class of that name: call ` +
        `env.registerType(${name}) in the job module (it runs in every worker), not in code only one thread runs`,
    );
  }
  return proto;
}
