// The namespace dependency graph of compiled assemblies, read with System.Reflection.Metadata: an edge A -> B
// when a type of capability A names a type of capability B anywhere — base type, interfaces, fields,
// signatures, attributes, generic constraints, locals, and the tokens of method bodies (calls, field access,
// casts, typeof). Nested and compiler-generated types (closures, state machines) count for the type that
// declares them. A capability is the first segment under the root: Lacquer.Caching.Store.CacheStore belongs
// to "Caching", Lacquer.Purge.Api.Native.PurgeMethodHandler to "Purge"; the root namespace itself is "Lacquer".
// Only namespaces under the root are nodes: the framework is not part of the graph.
using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Lacquer.Architecture;

internal sealed class NamespaceGraph
{
    private const string Root = "Lacquer";

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields()
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>For each capability, the capabilities it depends on, each with one type-level example of why.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Of(params string[] assemblyPaths)
    {
        var graph = new NamespaceGraph();
        foreach (var path in assemblyPaths)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            new AssemblyWalker(graph, pe).Walk();
        }

        return graph;
    }

    /// <summary>The capability a full namespace belongs to, or null when it is outside the root.</summary>
    public static string? CapabilityOf(string ns)
    {
        if (ns == Root)
        {
            return Root;
        }

        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>A cycle as "A -> B -> A" with the type reference behind each edge, or null when the graph has none.</summary>
    public string? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(node, state, stack) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private string? Visit(string node, Dictionary<string, int> state, List<string> stack)
    {
        if (state.TryGetValue(node, out var seen))
        {
            if (seen == 1)
            {
                var start = stack.IndexOf(node);
                var path = stack[start..].Append(node).ToList();
                var lines = new List<string> { string.Join(" -> ", path) };
                for (var i = 0; i + 1 < path.Count; i++)
                {
                    lines.Add($"  {path[i]} -> {path[i + 1]}: {_edges[path[i]][path[i + 1]]}");
                }

                return string.Join(Environment.NewLine, lines);
            }

            return null;
        }

        state[node] = 1;
        stack.Add(node);
        if (_edges.TryGetValue(node, out var targets))
        {
            foreach (var target in targets.Keys.Order(StringComparer.Ordinal))
            {
                if (Visit(target, state, stack) is { } cycle)
                {
                    return cycle;
                }
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[node] = 2;
        return null;
    }

    private void Add(string fromType, string fromNamespace, string toType, string toNamespace)
    {
        if (CapabilityOf(fromNamespace) is not { } from || CapabilityOf(toNamespace) is not { } to || from == to)
        {
            return;
        }

        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new(StringComparer.Ordinal);
        }

        targets.TryAdd(to, $"{fromNamespace}.{fromType} uses {toNamespace}.{toType}");
    }

    /// <summary>Walks one assembly's type definitions and adds an edge for every type they name.</summary>
    private sealed class AssemblyWalker(NamespaceGraph graph, PEReader pe) : ISignatureTypeProvider<int, object?>
    {
        private readonly MetadataReader _reader = pe.GetMetadataReader();
        private (string Name, string Namespace) _current;

        public void Walk()
        {
            foreach (var handle in _reader.TypeDefinitions)
            {
                var definition = _reader.GetTypeDefinition(handle);
                _current = NameOf(handle);
                WalkType(definition);
            }
        }

        private void WalkType(TypeDefinition definition)
        {
            Type(definition.BaseType);
            foreach (var implementation in definition.GetInterfaceImplementations())
            {
                Type(_reader.GetInterfaceImplementation(implementation).Interface);
            }

            Attributes(definition.GetCustomAttributes());
            GenericParameters(definition.GetGenericParameters());
            foreach (var fieldHandle in definition.GetFields())
            {
                var field = _reader.GetFieldDefinition(fieldHandle);
                field.DecodeSignature(this, null);
                Attributes(field.GetCustomAttributes());
            }

            foreach (var propertyHandle in definition.GetProperties())
            {
                var property = _reader.GetPropertyDefinition(propertyHandle);
                property.DecodeSignature(this, null);
                Attributes(property.GetCustomAttributes());
            }

            foreach (var methodHandle in definition.GetMethods())
            {
                var method = _reader.GetMethodDefinition(methodHandle);
                method.DecodeSignature(this, null);
                Attributes(method.GetCustomAttributes());
                GenericParameters(method.GetGenericParameters());
                foreach (var parameter in method.GetParameters())
                {
                    Attributes(_reader.GetParameter(parameter).GetCustomAttributes());
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    Body(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
        }

        private void GenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in _reader.GetGenericParameter(parameter).GetConstraints())
                {
                    Type(_reader.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var handle in attributes)
            {
                Token(_reader.GetCustomAttribute(handle).Constructor);
            }
        }

        private void Body(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (var region in body.ExceptionRegions)
            {
                Type(region.CatchType);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il.ReadByte());
                }

                switch (OperandTypes[value])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadInt16();
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        var count = il.ReadInt32();
                        il.Offset += count * 4;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        Token(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSig:
                        _reader.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32())).DecodeMethodSignature(this, null);
                        break;
                    default:
                        il.ReadInt32();
                        break;
                }
            }
        }

        /// <summary>A token of a type, field, method or member reference: the types it names.</summary>
        private void Token(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                    Type(handle);
                    break;
                case HandleKind.FieldDefinition:
                    var field = _reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    Type(field.GetDeclaringType());
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    var method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    Type(method.GetDeclaringType());
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                    Token(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Token(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
            }
        }

        private void Type(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0);
                    break;
                case HandleKind.TypeReference:
                    GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0);
                    break;
                case HandleKind.TypeSpecification:
                    _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
            }
        }

        private (string Name, string Namespace) NameOf(TypeDefinitionHandle handle)
        {
            var definition = _reader.GetTypeDefinition(handle);
            while (definition.IsNested)
            {
                definition = _reader.GetTypeDefinition(definition.GetDeclaringType());
            }

            return (_reader.GetString(definition.Name), _reader.GetString(definition.Namespace));
        }

        private (string Name, string Namespace) NameOf(TypeReferenceHandle handle)
        {
            var reference = _reader.GetTypeReference(handle);
            while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                reference = _reader.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope);
            }

            return (_reader.GetString(reference.Name), _reader.GetString(reference.Namespace));
        }

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var (name, ns) = NameOf(handle);
            graph.Add(_current.Name, _current.Namespace, name, ns);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var (name, ns) = NameOf(handle);
            graph.Add(_current.Name, _current.Namespace, name, ns);
            return 0;
        }

        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericMethodParameter(object? genericContext, int index) => 0;

        public int GetGenericTypeParameter(object? genericContext, int index) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;
    }
}
