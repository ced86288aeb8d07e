export class {{ serviceName | pascalCase }}Service {}
