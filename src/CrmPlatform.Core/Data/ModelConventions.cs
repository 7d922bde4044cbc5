using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CrmPlatform.Core.Data;

/// <summary>Rules applied to every module's entities after they are configured.</summary>
internal static class ModelConventions
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            if (typeof(ISoftDelete).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                builder.Entity(entityType.ClrType).HasQueryFilter(SoftDeleteFilter(entityType.ClrType));
                builder.Entity(entityType.ClrType).HasIndex(nameof(ISoftDelete.DeletedAt));
            }
            foreach (var property in entityType.GetProperties())
            {
                var enumType = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (!enumType.IsEnum || property.GetValueConverter() is not null)
                {
                    continue;
                }
                ConfigureEnum(builder, entityType, property, enumType);
            }
        }
    }

    /// <summary>Enums are stored as their seed names, with a CHECK constraint listing the allowed values.</summary>
    private static void ConfigureEnum(ModelBuilder builder, IMutableEntityType entityType, IMutableProperty property, Type enumType)
    {
        var converter = (Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)Activator.CreateInstance(typeof(SnakeEnumConverter<>).MakeGenericType(enumType))!;
        property.SetValueConverter(converter);
        var names = Enum.GetNames(enumType).Select(EnumNames.ToSnake).ToList();
        property.SetMaxLength(Math.Max(16, names.Max(n => n.Length)));
        var table = entityType.GetTableName();
        var column = property.GetColumnName();
        var allowed = string.Join(", ", names.Select(n => $"'{n}'"));
        builder.Entity(entityType.ClrType).ToTable(t => t.HasCheckConstraint($"ck_{table}_{column}", $"{column} IN ({allowed})"));
    }

    private static LambdaExpression SoftDeleteFilter(Type type)
    {
        var parameter = Expression.Parameter(type, "e");
        var body = Expression.Equal(
            Expression.Property(parameter, nameof(ISoftDelete.DeletedAt)),
            Expression.Constant(null, typeof(DateTime?)));
        return Expression.Lambda(body, parameter);
    }
}
