import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { ParseIdPipe } from '../platform/parse-id.pipe.js';
import { EraseDocumentDto } from './dto/erase-document.dto.js';
import { ErasureService } from './erasure.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  /** Consent withdrawn: the transcript goes from everywhere, every snapshot included (a tombstone stays there). */
  @Post('documents/:documentId/erase')
  @ApiAnswer.noContent('the transcript is erased everywhere; each snapshot that held it shows a tombstone')
  @HttpCode(204)
  erase(
    @CurrentActor() actor: Actor,
    @Param('documentId', new ParseIdPipe('Document')) documentId: string,
    @Body() dto: EraseDocumentDto,
  ): Promise<void> {
    return this.erasure.eraseDocument(actor, documentId, dto.reason);
  }
}
