// The questions Hygen asks.
module.exports = [
  { type: 'input', name: 'name', message: 'Component name?' },
  { type: 'select', name: 'kind', message: 'Kind?', choices: ['page', 'widget'], initial: 1 },
  { type: 'confirm', name: 'withStyles', message: 'With styles?', initial: true },
]
