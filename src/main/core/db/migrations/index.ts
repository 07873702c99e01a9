import registry from './0001-registry';
import dynamic from './0002-dynamic';
import assistance from './0003-assistance';
import exportRegister from './0004-export-register';
import monthClose from './0005-month-close';
import incentives from './0006-incentives';
import quality from './0007-quality';
import cadreAssessment from './0008-cadre-assessment';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration in order; a new step is a new numbered file added at the end. */
export const migrations: readonly Migration[] = [registry, dynamic, assistance, exportRegister, monthClose, incentives, quality, cadreAssessment];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
