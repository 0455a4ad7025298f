import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { DocumentCategory, DocumentContentType, DocumentRecordType } from '@haven/contracts';
import { UserEntity } from '../../core/users/user.entity.js';

/** A file on a case: what lists need in clear, its title and original name sealed; its content is in chunks (DocumentStorage). */
@Entity({ schema: 'app', name: 'case_document' })
export class CaseDocumentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  category!: DocumentCategory;

  @Column({ name: 'record_type', type: 'text', nullable: true })
  recordType!: DocumentRecordType | null;

  @Column({ name: 'record_id', type: 'uuid', nullable: true })
  recordId!: string | null;

  @Column({ name: 'sealed_title', type: 'bytea' })
  sealedTitle!: Buffer;

  /** The name the file had on the uploader's device: it may name the person, so it is sealed and never shown. */
  @Column({ name: 'sealed_file_name', type: 'bytea' })
  sealedFileName!: Buffer;

  @Column({ name: 'document_date', type: 'date', nullable: true })
  documentDate!: string | null;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: DocumentContentType;

  /** bigint arrives as a string from pg. */
  @Column({ name: 'byte_size', type: 'bigint', transformer: { to: (value: number) => value, from: Number } })
  byteSize!: number;

  @Column({ name: 'chunk_count', type: 'integer' })
  chunkCount!: number;

  @Column('text')
  scan!: 'clean' | 'not-scanned' | 'failed';

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: Relation<UserEntity>;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
