import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { startFederationStack, type FederationStack } from './support/federation-stack.js'

const CHROMIUM = '/usr/bin/chromium'
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

describe('explorer in a browser', () => {
  let stack: FederationStack
  let browser: Browser

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing; the explorer test needs it. Install it with: apt-get update && apt-get install -y chromium`)
    }
    stack = await startFederationStack()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('when the default query is run in GraphiQL, then the result shows boundary data and no request left the machine', async () => {
    const page = await browser.newPage()
    const requests: string[] = []
    const policyViolations: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) policyViolations.push(message.text())
    })

    await page.goto(stack.gateway.graphqlUrl)
    await page.locator('.graphiql-execute-button').click()
    const result = page.locator('.graphiql-response')
    await result.getByText('Thành phố Hồ Chí Minh').waitFor({ timeout: 30_000 })

    expect(await result.textContent()).toContain('"totalCount": 168')
    expect(requests.some((url) => url === stack.gateway.graphqlUrl)).toBe(true)
    const external = requests.filter((url) => !url.startsWith('data:') && !LOCAL_HOSTS.has(new URL(url).hostname))
    expect(external).toEqual([])
    expect(policyViolations).toEqual([])
    await page.close()
  })
})
