#!/usr/bin/env node
// Starts kinesalite on one address (loopback unless --host says otherwise). Its own CLI takes no
// host and listens on every interface, so anyone who can reach the machine could read and write
// the local streams. Same options as kinesalite's CLI, plus --host. Run by local-stack/stack.sh
// from the folder kinesalite is installed in.
const argv = require('minimist')(process.argv.slice(2))
const host = argv.host || '127.0.0.1'
const port = argv.port || 4567
const server = require('kinesalite')(argv).listen(port, host, () => {
  const address = server.address()
  console.log('Listening at %s://%s:%s', argv.ssl ? 'https' : 'http', address.address, address.port)
})
