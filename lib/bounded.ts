/**
 * A Map kept to its newest `max` keys: setting a key makes it the newest, and
 * the oldest goes when there are too many (Maps iterate in insertion order).
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
