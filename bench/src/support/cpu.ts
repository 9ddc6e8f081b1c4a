/**
 * CPU time of processes, read from /proc (Linux): user + system time of every
 * thread of a process and of its descendants (cluster workers, forks).
 */
import { readdirSync, readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

interface ProcessStat {
  pid: number
  parentPid: number
  command: string
  cpuSeconds: number
}

function readStat(pid: number): ProcessStat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // The command may hold spaces and parentheses: the fields start after its last ')'.
  const close = text.lastIndexOf(')')
  const fields = text.slice(close + 2).split(' ')
  // fields[0] is field 3 (state): utime is field 14, stime field 15, ppid field 4.
  return {
    pid,
    parentPid: Number(fields[1]),
    command: text.slice(text.indexOf('(') + 1, close),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
  }
}

function allProcesses(): ProcessStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => readStat(Number(entry)) ?? [])
}

/** CPU seconds used so far by each process, by pid. */
export type CpuSnapshot = Map<number, number>

/** Each root process and its descendants (cluster workers, forks). */
export function cpuOfTrees(rootPids: readonly number[]): CpuSnapshot {
  const processes = allProcesses()
  const childrenOf = new Map<number, ProcessStat[]>()
  for (const stat of processes) {
    const siblings = childrenOf.get(stat.parentPid)
    if (siblings) siblings.push(stat)
    else childrenOf.set(stat.parentPid, [stat])
  }
  const byPid = new Map(processes.map((stat) => [stat.pid, stat]))
  const snapshot: CpuSnapshot = new Map()
  const visit = (stat: ProcessStat) => {
    snapshot.set(stat.pid, stat.cpuSeconds)
    for (const child of childrenOf.get(stat.pid) ?? []) visit(child)
  }
  for (const pid of rootPids) {
    const root = byPid.get(pid)
    if (root) visit(root)
  }
  return snapshot
}

/** Every PostgreSQL server process on this machine. */
export function cpuOfPostgres(): CpuSnapshot {
  return new Map(allProcesses().flatMap((stat) => (stat.command === 'postgres' ? [[stat.pid, stat.cpuSeconds] as const] : [])))
}

/**
 * The CPU seconds each named group of processes uses while `work` runs: per
 * process, the time after minus the time before (a process started meanwhile
 * counts whole). A process that exits meanwhile takes its time with it, e.g. a
 * PostgreSQL backend of a connection closed during the run.
 */
export async function measureCpu<T>(groups: Record<string, () => CpuSnapshot>, work: () => Promise<T>): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(groups).map(([name, read]) => [name, read()]))
  const result = await work()
  const cpuSeconds = Object.fromEntries(
    Object.entries(groups).map(([name, read]) => {
      let total = 0
      for (const [pid, seconds] of read()) total += seconds - (before[name]!.get(pid) ?? 0)
      return [name, total]
    }),
  )
  return { result, cpuSeconds }
}
