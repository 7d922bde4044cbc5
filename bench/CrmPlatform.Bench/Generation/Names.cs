namespace CrmPlatform.Bench.Generation;

/// <summary>Word lists for realistic generated people and companies.</summary>
internal static class Names
{
    public static readonly string[] First = ["Ana", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hiro", "Isla", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Liam", "Maya", "Noah", "Olga", "Pavel", "Rita", "Sven", "Tomas", "Ines", "Aiko", "Bruno", "Carla", "Dmitri", "Elif"];
    public static readonly string[] Last = ["Silva", "Okafor", "Martin", "Cohen", "Novak", "Haddad", "Kim", "Tanaka", "Brown", "Schmidt", "Mensah", "Fischer", "Garcia", "Rahman", "Nasser", "Patel", "Quinn", "Rossi", "Saarinen", "Turner", "Usman", "Varga", "Wang", "Xu", "Yilmaz", "Zimmer", "Lopez", "Moreau", "Nguyen", "Olsen", "Petrov", "Reyes", "Sato", "Torres", "Ivanova", "Andersen", "Bianchi", "Costa", "Dubois", "Eriksen"];
    public static readonly string[] CompanyStem = ["Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell", "Wonka", "Cyberdyne", "Aperture", "Oscorp", "Gringotts", "Monarch", "Pied Piper", "Blue Sun", "Massive Dynamic"];
    public static readonly string[] CompanySuffix = ["Ltd", "Inc", "GmbH", "Group", "Labs", "Partners", "Holdings", "Systems", "Studio", "Traders"];
    public static readonly string[] Locations = ["London", "Berlin", "Lagos", "Mumbai", "New York", "São Paulo", "Tokyo", "Nairobi", "Toronto", "Sydney", "Paris", "Madrid", "Dubai", "Singapore", "Mexico City", "Cape Town", "Stockholm", "Warsaw", "Seoul", "Chicago"];
    public static readonly string[] Industries = ["Software", "Retail", "Manufacturing", "Healthcare", "Finance", "Education", "Logistics", "Hospitality", "Energy", "Media", "Construction", "Agriculture"];
    public static readonly string[] Designations = ["Founder", "CEO", "Sales manager", "HR lead", "Engineer", "Marketing director", "Analyst", "Consultant", "Operations manager", "Designer"];
    public static readonly string[] Personality = ["Dominant", "Influential", "Steady", "Conscientious"];

    public static T Pick<T>(this Random random, T[] values) => values[random.Next(values.Length)];
}
