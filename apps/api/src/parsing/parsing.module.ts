import { Global, Module } from '@nestjs/common';
import { UntrustedParser } from './untrusted-parser.js';

/** The one pool of parser threads, shared by every upload route. */
@Global()
@Module({ providers: [UntrustedParser], exports: [UntrustedParser] })
export class ParsingModule {}
