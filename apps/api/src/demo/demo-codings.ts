import type { CodingsService } from '../codings/codings.service.js';

type Who = 'student' | 'supervisor';

/** The transcript both demo users have coded, so the agreement view has something to show on first start. */
export const DEMO_CODED_TRANSCRIPT = 'Informant 2';

/**
 * [code, who, exact passage]: the student and the supervisor agree on most
 * places, overlap on some and differ on a few. Informant 1 is left uncoded
 * for trying blind coding from scratch.
 */
export const DEMO_CODINGS: readonly (readonly [string, Who, string])[] = [
  [
    'Brukermedvirkning',
    'student',
    'Jeg tror egentlig at brukermedvirkning forutsetter at folk har noe å velge mellom.',
  ],
  [
    'Brukermedvirkning',
    'supervisor',
    'Jeg tror egentlig at brukermedvirkning forutsetter at folk har noe å velge mellom.',
  ],
  [
    'Brukermedvirkning',
    'student',
    'Så når jeg satt og skulle lage en plan sammen med en bruker, så var det liksom ... ja, hva skal vi skrive i planen da?',
  ],
  [
    'Reaksjoner på pandemien',
    'student',
    'Dagtilbudene stengte, arbeidstreningen stoppet opp, og gruppene våre ble satt på pause.',
  ],
  [
    'Reaksjoner på pandemien',
    'supervisor',
    'Dagtilbudene stengte, arbeidstreningen stoppet opp, og gruppene våre ble satt på pause.',
  ],
  ['Reaksjoner på pandemien', 'supervisor', 'Det har blitt lettere å si at man er forkjølet'],
  [
    'Isolasjon og tilbakefall',
    'student',
    'Og så forsvant alt det som holdt dem oppe, nesten over natta. Da er det ikke rart at noen faller tilbake.',
  ],
  ['Isolasjon og tilbakefall', 'supervisor', 'Da er det ikke rart at noen faller tilbake.'],
  [
    'Isolasjon og tilbakefall',
    'student',
    'Når alt er stengt, og du sitter alene i en liten leilighet med tv-en på, så blir suget sterkere for hver dag.',
  ],
  [
    'Isolasjon og tilbakefall',
    'supervisor',
    'Når alt er stengt, og du sitter alene i en liten leilighet med tv-en på, så blir suget sterkere for hver dag.',
  ],
  ['Isolasjon og tilbakefall', 'supervisor', 'Ensomhet. Det er helt klart det.'],
  [
    'Samarbeid med andre tjenester',
    'student',
    'Vi hadde noen bedrifter som tok imot folk på arbeidstrening, og flere av dem måtte permittere sine egne ansatte.',
  ],
  [
    'Samarbeid med andre tjenester',
    'supervisor',
    'Vi hadde noen bedrifter som tok imot folk på arbeidstrening, og flere av dem måtte permittere sine egne ansatte.',
  ],
];

/**
 * Codes the demo transcript as both demo users, through the codings service
 * (anchors, events and history as if they had done it themselves). Runs after
 * the demo project is committed, because anchoring reads the stored text.
 */
export async function seedDemoCodings(
  codings: CodingsService,
  document: { id: string; text: string },
  codes: Map<string, string>,
  users: Record<Who, string>,
): Promise<number> {
  for (const [code, who, passage] of DEMO_CODINGS) {
    const start = document.text.indexOf(passage);
    if (start < 0) throw new Error(`The demo passage is not in ${DEMO_CODED_TRANSCRIPT}: ${passage}`);
    await codings.create({ userId: users[who] }, document.id, {
      codeId: codes.get(code)!,
      start,
      end: start + passage.length,
    });
  }
  return DEMO_CODINGS.length;
}
