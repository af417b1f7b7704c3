/**
 * The services area's mails (issue #19: each area owns its mail templates): a service at capacity, places freed for
 * the waiting list. Written with the notifications kit (shared/notifications/model.ts); shared/notifications/
 * templates.ts gathers them with the other areas' kinds and renders them. Pure: schemas and templates, no I/O.
 */
import { z } from 'zod';
import { caseLinkParagraph, caseRef, children, count, countOf, formatInt, links, mailItem, opaqueId, positive, REASON_COORDINATOR, strict, type TemplatesOf } from '../notifications/model.js';

/** A service's catalogue name, e.g. 'Centrul de zi „Sf. Nicolae”'. */
const serviceName = z
  .string()
  .trim()
  .min(2, 'Numele serviciului: minimum 2 caractere')
  .max(120, 'Numele serviciului: maximum 120 de caractere')
  .regex(/^[\p{L}\p{N} .,&'"„”«»()/–—-]+$/u, 'Numele serviciului conține caractere nepermise');
const serviceRef = strict({ serviceId: opaqueId('Identificatorul serviciului'), name: serviceName });

const serviceAtCapacitySchema = strict({ service: serviceRef, enrolled: count, capacity: positive, waitingCount: count }).refine(
  (d) => d.enrolled >= d.capacity,
  { message: 'Serviciul nu a atins capacitatea', path: ['enrolled'] },
);
const waitingListSchema = strict({ service: serviceRef, freePlaces: positive, waitingCount: positive, nextCase: caseRef.optional() });

const schemas = { service_at_capacity: serviceAtCapacitySchema, waiting_list: waitingListSchema };

/** `{ kind, data }` of each kind, for the gathered message schema. */
export const servicesMailItems = [mailItem('service_at_capacity', serviceAtCapacitySchema), mailItem('waiting_list', waitingListSchema)] as const;

const places = (n: number) => countOf(n, 'loc', 'locuri');
const freed = (n: number) => (n === 1 ? 'S-a eliberat un loc' : `S-au eliberat ${places(n)}`);

export const servicesMailTemplates: TemplatesOf<typeof schemas> = {
  service_at_capacity: {
    group: 'Servicii la capacitate maximă',
    content: (d, ctx) => ({
      subject: `Capacitate atinsă: ${d.service.name}`,
      preheader: `${formatInt(d.enrolled)} din ${formatInt(d.capacity)} locuri ocupate; ${children(d.waitingCount)} pe lista de așteptare.`,
      reason: REASON_COORDINATOR,
      blocks: [
        { type: 'heading', text: 'Serviciu la capacitate maximă' },
        {
          type: 'paragraph',
          parts: ['Serviciul ', { strong: d.service.name }, ' a atins capacitatea maximă. Copiii nou referiți către acest serviciu sunt trecuți pe lista de așteptare.'],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Serviciul', value: d.service.name },
            { label: 'Locuri ocupate', value: `${formatInt(d.enrolled)} din ${formatInt(d.capacity)}` },
            { label: 'Pe lista de așteptare', value: children(d.waitingCount) },
          ],
        },
        { type: 'button', label: 'Vezi serviciul și lista de așteptare', href: links.service(ctx.baseUrl, d.service.serviceId) },
      ],
    }),
    line: (d, ctx) => [
      { link: d.service.name, href: links.service(ctx.baseUrl, d.service.serviceId) },
      ` — ${formatInt(d.enrolled)} din ${formatInt(d.capacity)} locuri ocupate, ${children(d.waitingCount)} în așteptare`,
    ],
  },

  waiting_list: {
    group: 'Locuri eliberate pentru lista de așteptare',
    content: (d, ctx) => ({
      subject: `${d.freePlaces === 1 ? 'Loc disponibil' : 'Locuri disponibile'}: ${d.service.name} — ${children(d.waitingCount)} pe lista de așteptare`,
      preheader: `${freed(d.freePlaces)} în serviciul ${d.service.name}.`,
      reason: REASON_COORDINATOR,
      blocks: [
        { type: 'heading', text: 'Loc disponibil pentru lista de așteptare' },
        {
          type: 'paragraph',
          parts: [`În serviciul `, { strong: d.service.name }, ` ${freed(d.freePlaces).toLowerCase()}. Pe lista de așteptare ${d.waitingCount === 1 ? 'este' : 'sunt'} ${children(d.waitingCount)}.`],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Serviciul', value: d.service.name },
            { label: 'Locuri libere', value: formatInt(d.freePlaces) },
            { label: 'Pe lista de așteptare', value: children(d.waitingCount) },
            ...(d.nextCase ? [{ label: 'Primul caz de pe listă', value: d.nextCase.caseNumber }] : []),
          ],
        },
        { type: 'button', label: 'Vezi lista de așteptare', href: links.service(ctx.baseUrl, d.service.serviceId) },
        ...caseLinkParagraph(d.nextCase, ctx),
      ],
    }),
    line: (d, ctx) => [
      { link: d.service.name, href: links.service(ctx.baseUrl, d.service.serviceId) },
      ` — ${d.freePlaces === 1 ? '1 loc liber' : `${places(d.freePlaces)} libere`}, ${children(d.waitingCount)} în așteptare`,
      d.nextCase ? `; primul caz: ${d.nextCase.caseNumber}` : '',
    ],
  },

};
