import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'

const TWO_POW_32 = 4_294_967_296

/**
 * A seeded source of randomness over pure-rand's xoroshiro128+ (mutated in
 * place: the generator is sequential, so purity buys nothing here). Every
 * random choice of the seed goes through it, never Math.random, so the same
 * seed gives the same nation.
 */
export class Random {
  readonly #rng: RandomGenerator

  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed | 0)
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.#rng.next() >>> 0) / TWO_POW_32
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.float() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!
  }

  /** An index of `cumulative` (ascending cumulative weights) drawn proportionally to each weight. */
  weightedIndex(cumulative: Float64Array | readonly number[]): number {
    const target = this.float() * cumulative[cumulative.length - 1]!
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (cumulative[middle]! > target) high = middle
      else low = middle + 1
    }
    return low
  }

  /** A digit string of `length` digits (leading zeros kept). */
  digits(length: number): string {
    if (length > 9) return this.digits(length - 9) + this.digits(9)
    return String(Math.floor(this.float() * 10 ** length)).padStart(length, '0')
  }
}

/** A weighted table: items and their cumulative weights, for `Random.weightedIndex`. */
export interface Weighted<T> {
  items: readonly T[]
  cumulative: Float64Array
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(entries.length)
  let sum = 0
  entries.forEach(([, weight], index) => {
    sum += weight
    cumulative[index] = sum
  })
  return { items: entries.map(([item]) => item), cumulative }
}

export function pickWeighted<T>(random: Random, table: Weighted<T>): T {
  return table.items[random.weightedIndex(table.cumulative)]!
}
