import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RoomAgeGroup, RoomSex } from '@haven/contracts';

/** A room of a shelter: the sex and age group it serves decide which survivors its beds take. */
@Entity({ schema: 'app', name: 'shelter_room' })
export class ShelterRoomEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'shelter_id', type: 'uuid' })
  shelterId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  sex!: RoomSex;

  @Column({ name: 'age_group', type: 'text' })
  ageGroup!: RoomAgeGroup;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
