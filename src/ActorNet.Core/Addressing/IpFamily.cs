namespace ActorNet.Core.Addressing;

public enum IpFamily : byte
{
    V4 = 4,
    V6 = 6,
}
