/** `T` with each property that may be undefined made optional instead (and never undefined). */
export type WithoutUndefined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/**
 * A copy of `o` without its undefined-valued properties: flag values that were not given, passed
 * to options typed with exact optional properties (`exactOptionalPropertyTypes`), which take a
 * missing property but not an undefined one.
 */
export function withoutUndefined<T extends object>(o: T): WithoutUndefined<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as WithoutUndefined<T>;
}
