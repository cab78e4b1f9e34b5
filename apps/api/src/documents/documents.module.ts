import { Module } from '@nestjs/common';
import { BlobStore } from './blob-store.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { UploadInterceptor } from './upload.interceptor.js';

/** Uploads checked by content, stored content-addressed; downloads only within the caller's scope. */
@Module({ controllers: [DocumentsController], providers: [DocumentsService, BlobStore, UploadInterceptor] })
export class DocumentsModule {}
