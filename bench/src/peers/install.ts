// `npm run bench:install`: installs the benchmarks' peers (Hive Gateway, its own lockfile) before a timed run.
import { ensureHiveGatewayInstalled } from './hive-gateway.js'

ensureHiveGatewayInstalled()
