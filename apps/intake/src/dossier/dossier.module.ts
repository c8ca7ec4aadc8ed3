import { Module } from '@nestjs/common';
import { DossierConsumer } from './dossier.consumer';
import { DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

@Module({
  controllers: [DossierController, DossierConsumer],
  providers: [DossierService],
})
export class DossierModule {}
