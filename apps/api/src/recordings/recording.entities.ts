import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A transcript's interview recording (at most one per transcript). The row
 * holds what may be shown about it; its bytes are in `recording_chunks`,
 * encrypted. An upload under way has `completedAt` null.
 */
@Entity('recordings')
export class RecordingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', unique: true })
  documentId!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  /** Announced by the uploader until the upload completes, then the type read from the bytes. */
  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  format!: string | null;

  /** Announced length in bytes (bigint: read as a string by pg). */
  @Column({ type: 'bigint' })
  size!: string;

  /** Bytes stored so far: the tus `Upload-Offset`. */
  @Column({ type: 'bigint', default: 0 })
  received!: string;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  document?: unknown;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: unknown;
}

/**
 * One stretch of a recording's bytes (RECORDING_CHUNK_BYTES of plaintext,
 * the last one shorter), sealed with AES-256-GCM on its own: a Range read
 * decrypts only the chunks it touches.
 */
@Entity('recording_chunks')
export class RecordingChunkEntity {
  @PrimaryColumn({ type: 'uuid' })
  recordingId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'bytea' })
  nonce!: Buffer;

  /** The ciphertext with the GCM tag at its end. */
  @Column({ type: 'bytea' })
  data!: Buffer;

  @ManyToOne('RecordingEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  recording?: unknown;
}

/** A project's rule that its recordings be deleted by a date (the consent letter's promise). */
@Entity('project_recording_retention')
export class ProjectRecordingRetentionEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId!: string;

  /** A calendar date (`YYYY-MM-DD`, UTC): once it has come, the retention sweep deletes the recordings. */
  @Column({ type: 'date' })
  deleteBy!: string;

  /** When the reminder went out (once per date). */
  @Column({ type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne('ProjectEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  project?: unknown;
}
