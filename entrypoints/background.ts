import { startBackground } from '../lib/background/index';

export default defineBackground({
  type: 'module',
  main() {
    startBackground();
  },
});
