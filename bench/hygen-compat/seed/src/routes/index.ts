import { app } from '../app'
// routes end
