/** api-imports GET /imports/template: Șablonul XLSX pentru importul cazurilor existente. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { buildTemplate, TEMPLATE_FILE_NAME, XLSX_CONTENT_TYPE } from '../../../shared/imports/index.js';

const getTemplate = operation({
  async handle() {
    return { file: { contentType: XLSX_CONTENT_TYPE, content: await buildTemplate(deps().now()), filename: TEMPLATE_FILE_NAME } };
  },
});

export default getTemplate;
