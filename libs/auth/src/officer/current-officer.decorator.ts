import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Officer } from './officer';

/** The officer the guard authenticated. */
export const CurrentOfficer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Officer => ctx.switchToHttp().getRequest().officer,
);
