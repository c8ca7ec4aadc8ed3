import { Module } from '@nestjs/common';
import { ProcedureAdminController, ProcedureController } from './procedure.controller';
import { ProcedureService } from './procedure.service';

@Module({
  controllers: [ProcedureController, ProcedureAdminController],
  providers: [ProcedureService],
  exports: [ProcedureService],
})
export class ProcedureModule {}
