import { once } from 'node:events'
import type { Server } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import type { Express } from 'express'

export interface RunningHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string
  port: number
  server: Server
  /** Stops accepting connections and closes idle keep-alive sockets. */
  stop(): Promise<void>
}

export interface HttpServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number
  /** Interface to bind. Defaults to `HOST` or 127.0.0.1: a subgraph is not for the open network. */
  host?: string
}

/** Starts an express app and returns its URL and a `stop()` for tests and SIGTERM. */
export async function startHttpServer(app: Express, { port, host = process.env.HOST ?? '127.0.0.1' }: HttpServerOptions): Promise<RunningHttpServer> {
  const server = app.listen(port, host)
  await once(server, 'listening')
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${address.port}`,
    port: address.port,
    server,
    async stop() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
      server.closeIdleConnections()
      // Requests still running get a moment to finish, then their sockets go.
      const forced = setTimeout(() => server.closeAllConnections(), 2_000)
      forced.unref()
      await closed
      clearTimeout(forced)
    },
  }
}

/** A port free on 127.0.0.1 right now: taken from the OS, then released (for a server started as another process). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
