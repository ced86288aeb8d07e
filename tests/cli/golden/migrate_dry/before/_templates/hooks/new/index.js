module.exports = {
  params: ({ args }) => ({ ...args, stamp: Date.now() }),
}
