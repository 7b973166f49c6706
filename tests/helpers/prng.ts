export { mulberry32 } from '../../scripts/lib/prng';
