/**
 * Where a subgraph's database lives, from the environment:
 * `<DATABASE>_DATABASE_URL` (e.g. `BOUNDARY_DATABASE_URL`) wins; otherwise
 * `DATABASE_URL` serves as a base and the database is `lienthong_<database>`
 * on that server. Returns undefined when neither is set: the caller then
 * starts the embedded PostgreSQL.
 */
export function configuredDatabaseUrl(database: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[`${envPrefix(database)}_DATABASE_URL`]
  if (own) return own
  if (env.DATABASE_URL) return databaseUrlOnServer(env.DATABASE_URL, database)
  return undefined
}

/** The URL of `lienthong_<database>` on the server a base URL points at. */
export function databaseUrlOnServer(baseUrl: string, database: string): string {
  const url = new URL(baseUrl)
  url.pathname = `/lienthong_${database.replace(/-/g, '_')}`
  return url.toString()
}

/** `civil-status` → `CIVIL_STATUS`: the prefix of a subgraph's environment variables. */
export function envPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_')
}

/** A port from the environment, or the default; a malformed value is an error, not a silent default. */
export function portFromEnv(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[variable]
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${variable} must be a port number between 0 and 65535`)
  }
  return port
}
