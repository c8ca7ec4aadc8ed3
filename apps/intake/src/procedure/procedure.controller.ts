import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { CreateProcedureDto, ProcedureDefinitionDto } from './dto/procedure-definition.dto';
import { ListProceduresQuery } from './dto/list-procedures.query';
import { ProcedureService } from './procedure.service';
import { toProcedureView } from './procedure.view';

@ApiTags('procedures')
@Controller('v1/procedures')
export class ProcedureController {
  constructor(private readonly procedures: ProcedureService) {}

  @Get()
  @ApiOperation({
    summary: 'Danh mục thủ tục hành chính / The procedure catalog',
    description:
      'Lọc theo lĩnh vực, mức độ, từ khóa có dấu hoặc không dấu. / Filter by field, level and text with or without diacritics.',
  })
  async list(@Query() query: ListProceduresQuery) {
    const items = (await this.procedures.list(query)).map(toProcedureView);
    return { total: items.length, items };
  }

  @Get('stats')
  @ApiOperation({ summary: 'Thống kê thủ tục theo lĩnh vực và mức độ / Procedure counts by field and level' })
  stats() {
    return this.procedures.stats();
  }

  @Get(':code')
  @ApiOperation({ summary: 'Một thủ tục (phiên bản hiện hành) / One procedure (current version)' })
  async find(@Param('code') code: string) {
    return toProcedureView(await this.procedures.find(code));
  }

  @Get(':code/versions/:version')
  @ApiOperation({ summary: 'Một phiên bản của thủ tục / One version of a procedure (as a dossier was filed under it)' })
  async findVersion(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    return toProcedureView(await this.procedures.find(code, version));
  }
}

@ApiTags('admin')
@Controller('v1/admin/procedures')
export class ProcedureAdminController {
  constructor(private readonly procedures: ProcedureService) {}

  @Post()
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Thêm thủ tục / Add a procedure (admin)' })
  async create(@Body() dto: CreateProcedureDto, @CurrentOfficer() admin: Officer) {
    return toProcedureView(await this.procedures.create(dto, admin.id));
  }

  @Post(':code/versions')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Sửa đổi thủ tục (phiên bản mới) / Revise a procedure: a new version; filed dossiers keep theirs (admin)',
  })
  async revise(@Param('code') code: string, @Body() dto: ProcedureDefinitionDto, @CurrentOfficer() admin: Officer) {
    return toProcedureView(await this.procedures.revise(code, dto, admin.id));
  }
}
