import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { UserEntity } from '../auth/user.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import { TranscriptStore } from '../documents/transcript-store.service.js';
import { MembershipEntity } from '../projects/membership.entity.js';
import { DEFAULT_PROJECT_SETTINGS, ProjectEntity } from '../projects/project.entity.js';
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
  student: { role: 'student (owner)', name: 'Sara Student', email: 'student@tolk.example', password: 'tolk-student-demo' },
  supervisor: { role: 'supervisor', name: 'Viktor Veileder', email: 'veileder@tolk.example', password: 'tolk-veileder-demo' },
} as const;

const toLogin = ({ role, email, password }: DemoLogin): DemoLogin => ({ role, email, password });

export const DEMO_PROJECT_NAME = 'Brukermedvirkning i rusomsorgen';

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transcripts: TranscriptStore,
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
      if ((await manager.count(UserEntity)) > 0) return false;
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
      return true;
    });
    if (!created) return [];
    this.logger.log(`Created the demo project "${DEMO_PROJECT_NAME}" with ${DEMO_TRANSCRIPTS.length} transcripts`);
    return [toLogin(student), toLogin(supervisor)];
  }

  /** The demo logins whose accounts still exist. */
  async existingLogins(): Promise<DemoLogin[]> {
    const logins = Object.values(DEMO_LOGINS);
    const users = await this.dataSource.getRepository(UserEntity).findBy({ email: In(logins.map((l) => l.email)) });
    return logins.filter((l) => users.some((u) => u.email === l.email)).map(toLogin);
  }
}
