/** „Ana Demoescu, 11 ani” / „A. D., 1 an” / „B. C., 20 de ani”: the child as lists name it (plural forms from shared/platform/i18n). */
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';

export function childWithAge(name: string, age: number | null): string {
  return age === null ? name : `${name}, ${countRo(age, nouns.year)}`;
}
