/** What one benchmark scenario found, as Markdown lines under its title. */
export interface BenchmarkReport {
  title: string
  lines: string[]
}
