declare module 'asl-validator' {
  interface ValidationError { path?: string; message: string; 'Error code'?: string }
  interface Result { isValid: boolean; errors: ValidationError[]; errorsText(separator?: string): string }
  function validator(definition: unknown, opts?: { checkPaths?: boolean; checkArn?: boolean }): Result;
  export = validator;
}
