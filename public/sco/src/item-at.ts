/**
 * The item at an index the caller knows is there (a position it has just counted or searched
 * for), typed without the `undefined` that strict index checks add to every array read.
 */
export function itemAt<T>(list: readonly T[], index: number): T {
  return list[index] as T;
}
