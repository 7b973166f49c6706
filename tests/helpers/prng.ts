export { mulberry32 } from '../../lib/prng';
