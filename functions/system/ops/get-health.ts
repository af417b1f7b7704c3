/** api-system GET /health: Starea serviciului. */
import { operation } from '../../../shared/manifest/api.js';

const getHealth = operation({
  async handle() {
    return { body: { status: 'ok', service: 'vatra' } };
  },
});

export default getHealth;
