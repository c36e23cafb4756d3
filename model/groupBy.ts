/**
 * Items grouped by key, keys in first-seen order and items in input order. Linear: the plan
 * groups tens of thousands of rows (copying a group's list per item was quadratic).
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
