// Reads a CSL-JSON file with citation.js, renders every item with its bundled APA style and
// prints {"warnings": [...], "count": N, "entries": [...]} as JSON. citation.js logs instead of
// throwing on what it cannot use: its warn, error and unmapped-field log lines are the warnings.
const fs = require('fs')
const { Cite, logger } = require('@citation-js/core')
require('@citation-js/plugin-csl')

const warnings = []
logger._output = (level, scope, msg) => {
  if (['unmapped', 'warn', 'error'].includes(level)) warnings.push(`${level}: ${scope} ${msg.join(' ')}`)
}
const origWarn = console.warn
console.warn = (...args) => warnings.push(`console: ${args.join(' ')}`)
console.error = console.warn

const items = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const cite = new Cite(items, { forceType: '@csl/list+object' })
const html = cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' })
const entries = html.split('\n').filter(line => line.trim())
console.warn = origWarn
process.stdout.write(JSON.stringify({ warnings, count: cite.data.length, entries }) + '\n')
