import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { MemosController } from './memos.controller.js';
import { MemosService } from './memos.service.js';

@Module({ imports: [ProjectsModule], controllers: [MemosController], providers: [MemosService] })
export class MemosModule {}
