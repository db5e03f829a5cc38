import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateSegmentMemoRequest, PutMemoRequest } from '@tolk/contracts';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class PutMemoDto implements PutMemoRequest {
  @ApiProperty({ description: 'The whole memo as Markdown (an empty string clears it)' })
  @IsString()
  @MaxLength(100_000)
  body!: string;

  @ApiPropertyOptional({
    description:
      'The `version` from the GET the change was made from (409 `memo_changed` when someone changed it since); without it the body replaces whatever is there',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  version?: string;
}

export class CreateSegmentMemoDto implements CreateSegmentMemoRequest {
  @ApiPropertyOptional({ description: 'UTF-16 offset of the segment (or give anchors)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  end?: number;

  @ApiPropertyOptional({ description: 'Yjs relative position of the start, from the client’s Y.Doc (libs/anchoring)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  startAnchor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  endAnchor?: string;
}
