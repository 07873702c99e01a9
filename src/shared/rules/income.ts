/**
 * 人均纯收入 by the formula of domain.md §4.1 (S19), all in integer fen:
 *   转移性收入 = 计划生育金 + 低保金 + 特困供养金 + 养老保险金 + 生态补偿金 + 其他转移性收入
 *   财产性收入 = 资产收益扶贫分红收入 + 其他财产性收入
 *   纯收入     = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出
 *   人均纯收入 = 纯收入 ÷ 家庭人口数
 * Items that do not count as stable income (不计入) are carried along but never added.
 */
export interface IncomeComponents {
  wageFen: number;
  operatingFen: number;
  propertyDividendFen: number;
  propertyOtherFen: number;
  familyPlanningFen: number;
  dibaoFen: number;
  tekunFen: number;
  pensionFen: number;
  ecoCompensationFen: number;
  otherTransferFen: number;
  operatingCostFen: number;
}

export interface IncomeFigures {
  propertyFen: number;
  transferFen: number;
  grossFen: number;
  netFen: number;
  /** null when the family size is 0 (nobody left to divide by). */
  perCapitaFen: number | null;
  excludedFen: number;
}

export function computeIncome(c: IncomeComponents, familySize: number, excluded: readonly { amountFen: number }[] = []): IncomeFigures {
  const propertyFen = c.propertyDividendFen + c.propertyOtherFen;
  const transferFen = c.familyPlanningFen + c.dibaoFen + c.tekunFen + c.pensionFen + c.ecoCompensationFen + c.otherTransferFen;
  const grossFen = c.wageFen + c.operatingFen + propertyFen + transferFen;
  const netFen = grossFen - c.operatingCostFen;
  return {
    propertyFen,
    transferFen,
    grossFen,
    netFen,
    // Half up to the fen: 0.01 yuan is the precision the national forms print.
    perCapitaFen: familySize > 0 ? Math.round(netFen / familySize) : null,
    excludedFen: excluded.reduce((s, x) => s + x.amountFen, 0),
  };
}
