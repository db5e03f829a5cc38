import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { CodeEventEntity } from '../codebook/code-event.entity.js';
import { CodeEntity } from '../codebook/code.entity.js';
import { CodingsService } from '../codings/codings.service.js';
import { UserEntity } from '../auth/user.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import { TranscriptStore } from '../documents/transcript-store.js';
import { MembershipEntity } from '../projects/membership.entity.js';
import { DEFAULT_PROJECT_SETTINGS, ProjectEntity } from '../projects/project.entity.js';
import { seedDemoCodings } from './demo-codings.js';
import { DEMO_TRANSCRIPTS } from './transcripts.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/**
 * Fixed demo accounts. They exist only on a database that was empty at
 * start with `TOLK_DEMO=1`, which is meant for trying Tolk on one machine.
 */
export const DEMO_LOGINS = {
  student: {
    role: 'student (owner)',
    name: 'Sara Student',
    email: 'student@tolk.example',
    password: 'tolk-student-demo',
  },
  supervisor: {
    role: 'supervisor',
    name: 'Viktor Veileder',
    email: 'veileder@tolk.example',
    password: 'tolk-veileder-demo',
  },
} as const;

const toLogin = ({ role, email, password }: DemoLogin): DemoLogin => ({ role, email, password });

export const DEMO_PROJECT_NAME = 'Brukermedvirkning i rusomsorgen';

/** name, colour, description, parent (by name; listed before its sub-codes). */
export const DEMO_CODES: readonly (readonly [string, string, string, string | null])[] = [
  ['Brukermedvirkning', '#2f7d6d', 'Hvordan brukeren får innflytelse over sin egen oppfølging.', null],
  ['Digitalisering', '#4a62b0', 'Video, telefon og Teams i stedet for møter ansikt til ansikt.', null],
  ['Reaksjoner på pandemien', '#b5542c', 'Første reaksjoner: nedstenging, usikkerhet, nye rutiner.', null],
  ['Relasjoner', '#a23f7b', 'Relasjonsetablering mellom ruskonsulent og bruker.', null],
  ['Tillit og tilknytning', '#6b4fa0', 'Det som bygger eller svekker tilliten over tid.', 'Relasjoner'],
  ['Isolasjon og tilbakefall', '#7a7f1e', 'Ensomhet, mer bruk, tilbakefall under nedstengingen.', null],
  ['Samarbeid med andre tjenester', '#1f7fa8', 'NAV, fastlege, boligtjenesten og andre aktører.', null],
];

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transcripts: TranscriptStore,
    private readonly codings: CodingsService,
  ) {}

  /**
   * Creates the demo users and project when the database has no users at
   * all; returns the logins to print, or an empty list when it did nothing.
   */
  async seedIfEmpty(): Promise<DemoLogin[]> {
    const { student, supervisor } = DEMO_LOGINS;
    const [studentHash, supervisorHash] = await Promise.all([
      hashPassword(student.password),
      hashPassword(supervisor.password),
    ]);
    const created = await this.dataSource.transaction(async (manager) => {
      // One instance seeds at a time; the second finds users and stops.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['tolk:demo-seed']);
      if ((await manager.count(UserEntity)) > 0) return null;
      const [owner, veileder] = await manager.save([
        manager.create(UserEntity, { email: student.email, name: student.name, passwordHash: studentHash }),
        manager.create(UserEntity, { email: supervisor.email, name: supervisor.name, passwordHash: supervisorHash }),
      ]);
      const project = await manager.save(
        manager.create(ProjectEntity, {
          name: DEMO_PROJECT_NAME,
          description:
            'Demo: hvordan covid-pandemien påvirket brukermedvirkning mellom ruskonsulent og rusmisbruker. Fire syntetiske intervjuer.',
          settings: { ...DEFAULT_PROJECT_SETTINGS },
        }),
      );
      await manager.insert(MembershipEntity, [
        { projectId: project.id, userId: owner!.id, role: 'owner' },
        { projectId: project.id, userId: veileder!.id, role: 'supervisor' },
      ]);
      await this.seedCodebook(manager, project.id, owner!.id);
      for (const t of DEMO_TRANSCRIPTS) {
        const document = await manager.save(
          manager.create(DocumentEntity, {
            projectId: project.id,
            title: t.title,
            text: t.text,
            attributes: { ...t.attributes },
            createdBy: owner!.id,
          }),
        );
        await this.transcripts.createState(manager, document.id, t.text);
      }
      return { projectId: project.id, users: { student: owner!.id, supervisor: veileder!.id } };
    });
    if (!created) return [];
    const coded = await seedDemoCodings(
      this.codings,
      { documents: this.dataSource.getRepository(DocumentEntity), codes: this.dataSource.getRepository(CodeEntity) },
      created.projectId,
      created.users,
    );
    this.logger.log(`Coded ${coded} passages of the demo transcript as both demo users`);
    this.logger.log(`Created the demo project "${DEMO_PROJECT_NAME}" with ${DEMO_TRANSCRIPTS.length} transcripts`);
    return [toLogin(student), toLogin(supervisor)];
  }

  /** The themes of the thesis's findings chapter, as a small starting codebook. */
  private async seedCodebook(manager: EntityManager, projectId: string, ownerId: string): Promise<void> {
    const ids = new Map<string, string>();
    for (const [name, color, description, parent] of DEMO_CODES) {
      const code = await manager.save(
        manager.create(CodeEntity, {
          projectId,
          name,
          color,
          description,
          parentId: parent ? ids.get(parent)! : null,
          version: 1,
        }),
      );
      ids.set(name, code.id);
      await manager.insert(CodeEventEntity, {
        projectId,
        codeId: code.id,
        action: 'created',
        version: 1,
        data: { name, color, parentId: code.parentId },
        actorId: ownerId,
      });
    }
  }

  /** The demo logins whose accounts still exist. */
  async existingLogins(): Promise<DemoLogin[]> {
    const logins = Object.values(DEMO_LOGINS);
    const users = await this.dataSource.getRepository(UserEntity).findBy({ email: In(logins.map((l) => l.email)) });
    return logins.filter((l) => users.some((u) => u.email === l.email)).map(toLogin);
  }
}
