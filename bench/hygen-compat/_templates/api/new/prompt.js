module.exports = [
  {
    type: 'select',
    name: 'method',
    message: 'HTTP method?',
    choices: ['get', 'post', 'put', 'delete'],
  },
  {
    type: 'confirm',
    name: 'auth',
    message: 'Needs a signed-in user?',
    initial: true,
  },
]
